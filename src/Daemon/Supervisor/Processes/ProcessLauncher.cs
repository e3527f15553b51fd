using System.Diagnostics;
using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Supervisor.Logs;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// Spawns a program through <c>setsid</c> (its own session and process group, pid == pgid == sid), as
/// its user, with an environment built from scratch: passwd's HOME/USER/LOGNAME/SHELL and a PATH, then
/// the program's <c>environment</c>, then the HOODY_* markers.
/// </summary>
internal sealed class ProcessLauncher(TimeProvider time, ILogger<ProcessLauncher> logger)
{
    private static readonly string s_setsid = ToolLocator.Find("setsid") ?? "/usr/bin/setsid";

    public SpawnedProcess Spawn(LaunchSpec spec, IReadOnlyDictionary<string, string> markers)
    {
        var psi = new ProcessStartInfo(s_setsid)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.Directory,
        };
        foreach (var arg in spec.Argv) psi.ArgumentList.Add(arg);
        if (UserDirectory.NeedsSwitch(spec.User)) psi.UserName = spec.User.Name;

        psi.Environment.Clear();
        psi.Environment["HOME"] = spec.User.Home;
        psi.Environment["USER"] = spec.User.Name;
        psi.Environment["LOGNAME"] = spec.User.Name;
        psi.Environment["SHELL"] = spec.User.Shell;
        psi.Environment["PATH"] = spec.User.Uid == 0
            ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            : "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games";
        psi.Environment["LANG"] = Environment.GetEnvironmentVariable("LANG") ?? "C.UTF-8";
        foreach (var (key, value) in spec.Environment) psi.Environment[key] = value;
        foreach (var (key, value) in markers) psi.Environment[key] = value;

        if (!Directory.Exists(spec.Directory))
            throw new DirectoryNotFoundException($"Working directory '{spec.Directory}' does not exist");
        var stdout = spec.StdoutLog is null ? null : new RotatingLogWriter(spec.StdoutLog, spec.LogMaxBytes, spec.LogBackups);
        var stderr = spec.StderrLog is null ? null : new RotatingLogWriter(spec.StderrLog, spec.LogMaxBytes, spec.LogBackups);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("the process did not start");
        process.StandardInput.Close();
        var marker = markers.TryGetValue("HOODY_INSTANCE", out var m) ? $"HOODY_INSTANCE={m}" : "";
        return new SpawnedProcess(process, marker, time.GetUtcNow(), stdout, stderr, logger);
    }
}
