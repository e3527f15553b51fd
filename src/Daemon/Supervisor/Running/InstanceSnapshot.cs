namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>A consistent view of one instance at one moment.</summary>
internal sealed record InstanceSnapshot(
    string Name,
    int? Port,
    ProgramState State,
    int? Pid,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? NextRetryAt,
    int Restarts,
    int? ExitCode,
    string? SpawnError,
    string? Marker);

/// <summary>A state change, for webhooks and metrics; <see cref="ProgramId"/> is 0 for a quick-start.</summary>
internal sealed record StateChange(ProgramState From, ProgramState To, InstanceSnapshot Instance, DateTimeOffset At)
{
    public int ProgramId { get; init; }
}
