namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>supervisord's states plus EXITED (design/daemon.md §2).</summary>
internal enum ProgramState
{
    Stopped,
    Starting,
    Running,
    Backoff,
    Stopping,
    Exited,
    Fatal,
}

internal static class ProgramStateNames
{
    public static string Upper(this ProgramState state) => state.ToString().ToUpperInvariant();

    public static string Lower(this ProgramState state) => state.ToString().ToLowerInvariant();

    /// <summary>Started and not yet settled into a stopped state: a start request is "already running".</summary>
    public static bool IsActive(this ProgramState state) => state is ProgramState.Starting or ProgramState.Running or ProgramState.Backoff;
}
