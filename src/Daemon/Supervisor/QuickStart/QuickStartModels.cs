using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.QuickStart;

/// <summary>The launch and status reply (<c>QuickStartResponse</c>): status in lowercase.</summary>
public sealed record QuickStartReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("temporary_id")] string TemporaryId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("uptime")] string? Uptime,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("expires_at")] string? ExpiresAt);

/// <summary>One entry of the list (<c>EphemeralProgram</c>).</summary>
public sealed record EphemeralProgramView(
    [property: JsonPropertyName("temporary_id")] string TemporaryId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("stdout_logfile"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StdoutLogfile,
    [property: JsonPropertyName("stderr_logfile"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StderrLogfile,
    [property: JsonPropertyName("logs_enabled")] bool LogsEnabled,
    [property: JsonPropertyName("log_max_bytes")] long LogMaxBytes,
    [property: JsonPropertyName("log_backups")] int LogBackups,
    [property: JsonPropertyName("display"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("uptime")] string? Uptime,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("expires_at")] string? ExpiresAt);

public sealed record QuickStartListReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("ephemeral_programs")] IReadOnlyList<EphemeralProgramView> EphemeralPrograms);

public sealed record QuickStartStopReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("temporary_id")] string TemporaryId,
    [property: JsonPropertyName("cleaned_up")] bool CleanedUp,
    [property: JsonPropertyName("message")] string Message);
