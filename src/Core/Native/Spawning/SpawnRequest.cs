namespace HoodyKit.Core.Native.Spawning;

/// <summary>What to start: <paramref name="Path"/> (absolute, no PATH search) with <paramref name="Argv"/> and exactly
/// <paramref name="Environment"/>, in <paramref name="WorkingDirectory"/>, with the descriptors <paramref name="Fds"/> set up
/// in order; in a new session (pid = pgid = sid) when <paramref name="NewSession"/>.</summary>
public sealed record SpawnRequest(
    string Path,
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    IReadOnlyList<SpawnFd> Fds,
    bool NewSession = true);

/// <summary>One descriptor of the child.</summary>
public abstract record SpawnFd(int Fd);

/// <summary>The child's <paramref name="Fd"/> is <paramref name="Path"/> opened with <paramref name="Flags"/>.</summary>
public sealed record SpawnOpen(int Fd, string Path, int Flags) : SpawnFd(Fd);

/// <summary>The child's <paramref name="Fd"/> is a copy of the parent's (or an earlier action's) <paramref name="Source"/>.</summary>
public sealed record SpawnDup(int Fd, int Source) : SpawnFd(Fd);
