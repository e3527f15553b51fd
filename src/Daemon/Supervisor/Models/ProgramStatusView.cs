using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

/// <summary>
/// <c>ProgramStatus</c>: state in UPPERCASE, pid and uptime while running, plus additive fields the SDK
/// ignores (restarts, last exit, times, a supervisorctl-style description). A port-range program carries
/// its <see cref="Instances"/>; one instance carries its <see cref="Port"/> and <see cref="InstanceName"/>.
/// </summary>
public sealed record ProgramStatusView
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("port"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Port { get; init; }
    [JsonPropertyName("instance_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? InstanceName { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("pid")] public int? Pid { get; init; }
    [JsonPropertyName("uptime")] public string? Uptime { get; init; }
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("restarts")] public int Restarts { get; init; }
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("exit_signal")] public int? ExitSignal { get; init; }
    [JsonPropertyName("started_at")] public string? StartedAt { get; init; }
    [JsonPropertyName("stopped_at")] public string? StoppedAt { get; init; }
    [JsonPropertyName("next_retry_at")] public string? NextRetryAt { get; init; }
    [JsonPropertyName("instances"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ProgramStatusView>? Instances { get; init; }
}
