using HoodyKit.Core.Modules;
using HoodyKit.Core.Native;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// Turns a <see cref="SessionSpec"/> into what runs on the PTY: a login shell, <c>ssh</c> to a target, or a
/// monitor of an existing process (as another user through <c>setpriv</c>, since posix_spawn cannot change uid),
/// with a terminal environment built from scratch.
/// </summary>
internal static class ShellCommand
{
    public static readonly string[] KnownShells = ["bash", "zsh", "fish", "sh"];

    /// <summary>The plan for a session, or the reason it cannot start (a 400 for the caller).</summary>
    public static (ShellPlan? Plan, string? Problem) Plan(int terminalId, SessionSpec spec)
    {
        var tmux = spec.Shell == "tmux";
        var shellName = tmux ? (ToolLocator.Find("bash") is not null ? "bash" : "sh") : spec.Shell ?? (ToolLocator.Find("bash") is not null ? "bash" : "sh");
        var shellPath = shellName.StartsWith('/') ? shellName : KnownShells.Contains(shellName) ? ToolLocator.Find(shellName) : null;
        if (shellPath is null || !File.Exists(shellPath)) return (null, $"Shell '{shellName}' is not available");

        var userName = spec.User ?? CurrentUserName();
        var user = UnixUsers.Find(userName);
        if (user is null) return (null, $"User '{userName}' does not exist");
        var switching = user.Uid != UnixUsers.EffectiveUserId;
        if (switching && !UnixUsers.IsRoot) return (null, $"Cannot run as user '{userName}': hoodykit is not running as root");

        var cwd = spec.WorkingDirectory ?? user.Home;
        if (!Directory.Exists(cwd))
        {
            if (!spec.CreateWorkingDirectory) return (null, $"Working directory '{cwd}' does not exist");
            Directory.CreateDirectory(cwd);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TERM"] = "xterm-256color",
            ["COLORTERM"] = "truecolor",
            ["LANG"] = Environment.GetEnvironmentVariable("LANG") is { Length: > 0 } lang ? lang : "C.UTF-8",
            ["HOME"] = user.Home,
            ["USER"] = user.Name,
            ["LOGNAME"] = user.Name,
            ["SHELL"] = shellPath,
            ["PATH"] = user.Uid == 0 ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/bin:/usr/bin:/bin",
        };
        if (spec.Display is { } display && !spec.Ephemeral) environment["DISPLAY"] = display;
        if (spec.InjectHoodyEnvironment) HoodyEnvironment.Add(environment, terminalId, spec);
        foreach (var (key, value) in spec.Environment) environment[key] = value;

        IReadOnlyList<string> program;
        var shellType = Path.GetFileName(shellPath);
        if (spec.RunCommand is { } run)
        {
            program = [shellPath, "-c", run];
        }
        else if (spec.Ssh is { } target)
        {
            var (sshArgv, sshEnvironment) = SshCommand.Build(terminalId, target, user);
            foreach (var (key, value) in sshEnvironment) environment[key] = value;
            (program, shellType) = (sshArgv, "ssh");
        }
        else if (spec.AttachPid is { } pid)
        {
            if (!Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}")) return (null, $"Process {pid} not found");
            program = [ToolLocator.Find("top") ?? "/usr/bin/top", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        else if (tmux)
        {
            // a tmux session per terminal id (attached again after a reset), whose panes run the login shell
            if (ToolLocator.Find("tmux") is not { } tmuxPath) return (null, "Shell 'tmux' is not available");
            environment.Remove("TMUX");
            program = [tmuxPath, "new-session", "-A", "-s", TmuxSessions.Name(terminalId), shellPath + " -l"];
            shellType = "tmux";
        }
        else
        {
            program = [shellPath, "-l", .. spec.Arguments];
        }

        if (spec.RunCommand is null && (spec.StartupScript is not null || spec.Debug))
            program = LaunchWrapper.Wrap(program, spec, shellPath, $"terminal {terminalId}, user {user.Name}, cwd {cwd}");

        return (new ShellPlan(AsUser(user.Uid, user.Gid, program), environment, cwd, shellType, user.Uid, user.Gid), null);
    }

    /// <summary><paramref name="program"/>, run through <c>setpriv</c> when the user is not hoodykit's own.</summary>
    public static IReadOnlyList<string> AsUser(uint uid, uint gid, IReadOnlyList<string> program) =>
        uid == UnixUsers.EffectiveUserId
            ? program
            : [ToolLocator.Find("setpriv") ?? "/usr/bin/setpriv", "--reuid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
               "--regid", gid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--init-groups", "--", .. program];

    private static string CurrentUserName() => Environment.UserName;
}

internal sealed record ShellPlan(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory,
    string ShellType, uint UserId, uint GroupId);
