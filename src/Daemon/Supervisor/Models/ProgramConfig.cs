using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

/// <summary>
/// A program (<c>Program</c> in the contract): what <c>programs.json</c> stores and the API shows.
/// <see cref="Status"/> and <see cref="Stats"/> are output only and never stored.
/// </summary>
public sealed record ProgramConfig
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    [JsonPropertyName("enabled")] public bool Enabled { get; init; } = true;
    [JsonPropertyName("command")] public required string Command { get; init; }
    [JsonPropertyName("boot")] public bool Boot { get; init; }
    [JsonPropertyName("delay_seconds")] public int DelaySeconds { get; init; }
    [JsonPropertyName("autorestart")] public string Autorestart { get; init; } = "unexpected";
    [JsonPropertyName("user")] public required string User { get; init; }
    [JsonPropertyName("environment")] public Dictionary<string, string> Environment { get; init; } = [];
    [JsonPropertyName("directory"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Directory { get; init; }
    [JsonPropertyName("priority")] public int Priority { get; init; } = 999;
    [JsonPropertyName("stdout_logfile"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? StdoutLogfile { get; init; }
    [JsonPropertyName("stderr_logfile"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? StderrLogfile { get; init; }
    [JsonPropertyName("logs_enabled")] public bool LogsEnabled { get; init; } = true;
    [JsonPropertyName("log_max_bytes")] public long LogMaxBytes { get; init; } = 5_242_880;
    [JsonPropertyName("log_backups")] public int LogBackups { get; init; } = 2;
    [JsonPropertyName("hoody_kit")] public bool HoodyKit { get; init; }
    [JsonPropertyName("port_range"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public PortRange? PortRange { get; init; }
    [JsonPropertyName("port_param"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PortParam { get; init; }
    [JsonPropertyName("lazy_load")] public bool LazyLoad { get; init; }
    [JsonPropertyName("display"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Display { get; init; }
    [JsonPropertyName("terminal_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? TerminalId { get; init; }
    [JsonPropertyName("terminal_shell"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TerminalShell { get; init; }
    [JsonPropertyName("terminal_interactive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? TerminalInteractive { get; init; }
    [JsonPropertyName("webhooks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public WebhookConfig? Webhooks { get; init; }
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProgramStatusView? Status { get; init; }
    [JsonPropertyName("stats"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProcessStats? Stats { get; init; }

    /// <summary>Without the output-only fields: what is stored.</summary>
    public ProgramConfig Stored() => Status is null && Stats is null ? this : this with { Status = null, Stats = null };
}

public sealed record PortRange(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End)
{
    public bool Contains(int port) => port >= Start && port <= End;

    public bool Overlaps(int from, int to) => Start <= to && from <= End;
}

public sealed record WebhookConfig
{
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("urls")] public List<string> Urls { get; init; } = [];
    [JsonPropertyName("events")] public List<string> Events { get; init; } = ["*"];
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; init; } = [];
    [JsonPropertyName("timeout")] public int Timeout { get; init; } = 10;
    [JsonPropertyName("retry")] public int Retry { get; init; } = 2;

    /// <summary>Whether a transition into <paramref name="state"/> is subscribed.</summary>
    public bool Wants(string state) =>
        Enabled && Events.Any(e => e is "*" or "all" or "ALL" || string.Equals(e, state, StringComparison.OrdinalIgnoreCase));
}
