using System.Text.Json.Serialization;

namespace HoodyKit.Terminal.Models;

public sealed record CreateSessionReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("display"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display,
    [property: JsonPropertyName("shell")] string Shell,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("ephemeral")] bool Ephemeral,
    [property: JsonPropertyName("display_ready"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? DisplayReady = null,
    [property: JsonPropertyName("display_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayStatus = null);

public sealed record SessionInfo(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("shell")] string Shell,
    [property: JsonPropertyName("cwd")] string? Cwd,
    [property: JsonPropertyName("cols")] int Cols,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("ephemeral")] bool Ephemeral,
    [property: JsonPropertyName("display"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display,
    [property: JsonPropertyName("created_at")] string CreatedAt);

public sealed record DeleteSessionReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("terminal_id")] int TerminalId);

/// <summary>The terminal's health (guide-monitoring.md), not the shared body.</summary>
public sealed record TerminalHealth(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("database")] HealthDatabase Database,
    [property: JsonPropertyName("daemon")] HealthDaemon Daemon,
    [property: JsonPropertyName("memory")] HealthMemoryUse Memory,
    [property: JsonPropertyName("goroutines")] int Goroutines);

public sealed record HealthDatabase(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency_ms")] int LatencyMs);

public sealed record HealthDaemon([property: JsonPropertyName("status")] string Status);

public sealed record HealthMemoryUse(
    [property: JsonPropertyName("used")] long Used,
    [property: JsonPropertyName("total")] long Total);

[JsonSerializable(typeof(CreateSessionReply))]
[JsonSerializable(typeof(IReadOnlyList<SessionInfo>))]
[JsonSerializable(typeof(DeleteSessionReply))]
[JsonSerializable(typeof(TerminalHealth))]
[JsonSerializable(typeof(CommandReply))]
[JsonSerializable(typeof(HistoryReply))]
[JsonSerializable(typeof(WriteReply))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class TerminalJsonContext : JsonSerializerContext;
