using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

/// <summary><c>ProgramStatus</c>: state in UPPERCASE, pid and uptime while running, a supervisorctl-style description.</summary>
public sealed record ProgramStatusView(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("uptime")] string? Uptime,
    [property: JsonPropertyName("description")] string Description);
