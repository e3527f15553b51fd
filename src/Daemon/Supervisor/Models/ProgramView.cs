using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

/// <summary>A program as the API shows it (<c>Program</c> in the contract).</summary>
public sealed record ProgramView
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    [JsonPropertyName("enabled")] public required bool Enabled { get; init; }
    [JsonPropertyName("command")] public required string Command { get; init; }
    [JsonPropertyName("boot")] public bool Boot { get; init; }
    [JsonPropertyName("delay_seconds")] public int DelaySeconds { get; init; }
    [JsonPropertyName("autorestart")] public string Autorestart { get; init; } = "unexpected";
    [JsonPropertyName("user")] public required string User { get; init; }
    [JsonPropertyName("environment")] public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    [JsonPropertyName("directory"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Directory { get; init; }
    [JsonPropertyName("priority")] public int Priority { get; init; } = 999;
    [JsonPropertyName("logs_enabled")] public bool LogsEnabled { get; init; } = true;
    [JsonPropertyName("log_max_bytes")] public long LogMaxBytes { get; init; } = 5_242_880;
    [JsonPropertyName("log_backups")] public int LogBackups { get; init; } = 2;
    [JsonPropertyName("hoody_kit")] public bool HoodyKit { get; init; }
    [JsonPropertyName("lazy_load")] public bool LazyLoad { get; init; }
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProgramStatusView? Status { get; init; }
}
