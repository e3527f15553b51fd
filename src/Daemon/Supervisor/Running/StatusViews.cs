using HoodyKit.Core.Health;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>Maps instance snapshots to the wire's <c>ProgramStatus</c>, supervisorctl's descriptions included.</summary>
internal static class StatusViews
{
    private const string TooQuick = "Exited too quickly (process log may have details)";

    public static ProgramStatusView ForInstance(int id, InstanceSnapshot s, DateTimeOffset now) => new()
    {
        Id = id,
        Port = s.Port,
        InstanceName = s.Port is null ? null : s.Name,
        Status = s.State.Upper(),
        Pid = s.Pid,
        Uptime = s.State == ProgramState.Running && s.StartedAt is { } since ? Uptime.Format(now - since) : null,
        Description = Describe(s, now),
        Restarts = s.Restarts,
        ExitCode = s.ExitCode,
        ExitSignal = s.ExitCode is > 128 and < 160 ? s.ExitCode - 128 : null,
        StartedAt = s.StartedAt is { } started ? ProcessFacts.Iso(started) : null,
        StoppedAt = s.StoppedAt is { } stopped ? ProcessFacts.Iso(stopped) : null,
        NextRetryAt = s.NextRetryAt is { } retry ? ProcessFacts.Iso(retry) : null,
    };

    /// <summary>A port-range program: RUNNING if any instance runs, else STOPPED, with every instance listed.</summary>
    public static ProgramStatusView Aggregate(int id, IReadOnlyList<ProgramStatusView> instances) => new()
    {
        Id = id,
        Status = instances.Any(i => i.Status == "RUNNING") ? "RUNNING" : "STOPPED",
        Description = $"{instances.Count(i => i.Status == "RUNNING")} of {instances.Count} instances running",
        Restarts = instances.Sum(i => i.Restarts),
        Instances = instances,
    };

    public static ProgramStatusView NeverStarted(int id, int? port, string? instanceName) => new()
    {
        Id = id,
        Port = port,
        InstanceName = instanceName,
        Status = "STOPPED",
        Description = "Not started",
    };

    private static string Describe(InstanceSnapshot s, DateTimeOffset now) => s.State switch
    {
        ProgramState.Running when s.StartedAt is { } since => $"pid {s.Pid}, uptime {Uptime.Format(now - since)}",
        ProgramState.Starting => s.Pid is { } pid ? $"pid {pid}, starting" : "Starting",
        ProgramState.Backoff => s.SpawnError ?? TooQuick,
        ProgramState.Fatal => s.SpawnError ?? TooQuick,
        ProgramState.Exited => $"Exited with code {s.ExitCode}",
        ProgramState.Stopping => "Stopping",
        _ => s.StoppedAt is { } at ? $"Stopped {ProcessFacts.Iso(at)}" : "Not started",
    };
}
