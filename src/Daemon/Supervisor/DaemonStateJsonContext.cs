using System.Text.Json.Serialization;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.QuickStart;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>The daemon's state files: indented, so a person can read and diff them.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<ProgramConfig>))]
[JsonSerializable(typeof(List<EphemeralRecord>))]
internal sealed partial class DaemonStateJsonContext : JsonSerializerContext;
