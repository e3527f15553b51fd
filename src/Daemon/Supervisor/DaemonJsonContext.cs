using System.Text.Json.Serialization;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor;

[JsonSerializable(typeof(ProgramListResponse))]
[JsonSerializable(typeof(ProgramResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(StatusListResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(StartResponse))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
