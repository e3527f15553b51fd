using System.Text.Json.Serialization;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>The daemon's state files: indented, so a person can read and diff them.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<ProgramConfig>))]
internal sealed partial class DaemonStateJsonContext : JsonSerializerContext;
