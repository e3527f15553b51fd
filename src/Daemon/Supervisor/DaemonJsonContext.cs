using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HoodyKit.Daemon.Supervisor.Logs;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.QuickStart;

namespace HoodyKit.Daemon.Supervisor;

[JsonSerializable(typeof(ProgramListResponse))]
[JsonSerializable(typeof(ProgramResponse))]
[JsonSerializable(typeof(AddProgramResponse))]
[JsonSerializable(typeof(RemoveProgramResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(StatusListResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(StopRequest))]
[JsonSerializable(typeof(StartResponse))]
[JsonSerializable(typeof(LogReply))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(SseItem<string>))]
[JsonSerializable(typeof(QuickStartReply))]
[JsonSerializable(typeof(QuickStartListReply))]
[JsonSerializable(typeof(QuickStartStopReply))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
