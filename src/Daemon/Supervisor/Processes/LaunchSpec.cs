using HoodyKit.Core.Native;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>Everything needed to spawn one process of a program, built fresh at each spawn.</summary>
internal sealed record LaunchSpec(
    IReadOnlyList<string> Argv,
    string Directory,
    PasswdEntry User,
    IReadOnlyDictionary<string, string> Environment,
    string? StdoutLog,
    string? StderrLog,
    long LogMaxBytes,
    int LogBackups);
