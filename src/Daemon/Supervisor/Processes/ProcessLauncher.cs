using HoodyKit.Core.Modules;
using HoodyKit.Core.Native.Spawning;
using HoodyKit.Daemon.Supervisor.Logs;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// Spawns a program with <c>posix_spawn</c> in its own session and process group (pid == pgid == sid), as its
/// user (through <c>setpriv</c> when that is not hoodykit's own), with stdin on /dev/null, stdout and stderr on
/// pipes hoodykit reads, and an environment built from scratch: passwd's HOME/USER/LOGNAME/SHELL and a PATH,
/// then the program's <c>environment</c>, then the HOODY_* markers.
/// </summary>
internal sealed class ProcessLauncher(TimeProvider time, ILogger<ProcessLauncher> logger)
{
    private static readonly string s_setpriv = ToolLocator.Find("setpriv") ?? "/usr/bin/setpriv";

    public SpawnedProcess Spawn(LaunchSpec spec, IReadOnlyDictionary<string, string> markers)
    {
        var environment = BuildEnvironment(spec, markers);
        if (!Directory.Exists(spec.Directory))
            throw new DirectoryNotFoundException($"Working directory '{spec.Directory}' does not exist");
        var (path, argv) = Command(spec, environment["PATH"]);

        var stdout = spec.StdoutLog is null ? null : new RotatingLogWriter(spec.StdoutLog, spec.LogMaxBytes, spec.LogBackups);
        var stderr = spec.StderrLog is null ? null : new RotatingLogWriter(spec.StderrLog, spec.LogMaxBytes, spec.LogBackups);
        using var stdoutPipe = new ChildPipe();
        using var stderrPipe = new ChildPipe();
        int pid;
        try
        {
            pid = ProcessSpawner.Spawn(new SpawnRequest(path, argv, environment, spec.Directory,
                [new SpawnOpen(0, "/dev/null", 0), new SpawnDup(1, stdoutPipe.WriteFd), new SpawnDup(2, stderrPipe.WriteFd)]));
        }
        catch
        {
            stdout?.Dispose();
            stderr?.Dispose();
            throw;
        }

        var exited = ChildReaper.WaitForExitAsync(pid);
        stdoutPipe.CloseWriteEnd();
        stderrPipe.CloseWriteEnd();
        var marker = markers.TryGetValue("HOODY_INSTANCE", out var m) ? $"HOODY_INSTANCE={m}" : "";
        return new SpawnedProcess(pid, exited, marker, time.GetUtcNow(),
            stdoutPipe.OpenReader(), stdout, stderrPipe.OpenReader(), stderr, logger);
    }

    private static Dictionary<string, string> BuildEnvironment(LaunchSpec spec, IReadOnlyDictionary<string, string> markers)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = spec.User.Home,
            ["USER"] = spec.User.Name,
            ["LOGNAME"] = spec.User.Name,
            ["SHELL"] = spec.User.Shell,
            ["PATH"] = spec.User.Uid == 0
                ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                : "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games",
            ["LANG"] = Environment.GetEnvironmentVariable("LANG") ?? "C.UTF-8",
        };
        foreach (var (key, value) in spec.Environment) environment[key] = value;
        foreach (var (key, value) in markers) environment[key] = value;
        return environment;
    }

    /// <summary>The executable and argv: the program itself, found on the child's PATH, or <c>setpriv … -- argv</c> for another user.</summary>
    private static (string Path, IReadOnlyList<string> Argv) Command(LaunchSpec spec, string searchPath)
    {
        if (UserDirectory.NeedsSwitch(spec.User))
        {
            string[] switchUser = [s_setpriv, $"--reuid={spec.User.Uid}", $"--regid={spec.User.Gid}", "--init-groups", "--"];
            return (s_setpriv, [.. switchUser, .. spec.Argv]);
        }

        var path = ProcessSpawner.FindExecutable(spec.Argv[0], searchPath)
            ?? throw new SpawnException($"can't find command '{spec.Argv[0]}'");
        return (path, spec.Argv);
    }
}
