using HoodyKit.Core.Hosting;
using HoodyKit.Daemon.Supervisor.Processes;
using Microsoft.Extensions.Options;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>Where the daemon keeps its files: state in &lt;data-dir&gt;/daemon, program logs in the program log dir.</summary>
internal sealed class ProgramPaths(KitSettings settings, IOptions<DaemonOptions> options)
{
    public string StateDir { get; } = settings.ModuleDataDir("daemon");

    public string ProgramsFile => Path.Combine(StateDir, "programs.json");

    public string DefaultsFile => Path.Combine(StateDir, "programs.default.json");

    public string EphemeralFile => Path.Combine(StateDir, "ephemeral.json");

    public string LogDir { get; } = options.Value.ProgramLogDir is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : UserDirectory.DaemonIsRoot ? "/var/log/hoody" : Path.Combine(settings.LogDir, "programs");

    /// <summary><c>&lt;log dir&gt;/&lt;name&gt;.out.log</c> or <c>.err.log</c>.</summary>
    public string DefaultLog(string name, string stream) => Path.Combine(LogDir, $"{name}.{stream}.log");

    /// <summary>A port instance logs beside its program: <c>api.out.log</c> → <c>api_8042.out.log</c>.</summary>
    public static string InstanceLog(string programLog, string programName, int port)
    {
        var file = Path.GetFileName(programLog);
        var renamed = file.StartsWith(programName + ".", StringComparison.Ordinal)
            ? $"{programName}_{port}{file[programName.Length..]}"
            : $"{Path.GetFileNameWithoutExtension(file)}_{port}{Path.GetExtension(file)}";
        return Path.Combine(Path.GetDirectoryName(programLog) ?? "/", renamed);
    }
}
