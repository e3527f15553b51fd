using System.Text.Json.Nodes;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.Daemon.Supervisor.QuickStart;

/// <summary>A validated launch request: the program to run, its time to live and whether to wait for RUNNING.</summary>
internal sealed record QuickStartRequest(ProgramConfig Program, TimeSpan? Ttl, bool Wait, TimeSpan Timeout)
{
    private static readonly string[] s_shells = ["bash", "zsh", "fish", "sh", "tmux"];

    /// <summary>Parses a launch body; <paramref name="name"/> is used when the body names none.</summary>
    public static Outcome<QuickStartRequest> Parse(JsonObject body, ProgramPaths paths, Func<string, string> name)
    {
        var f = new FieldReader(body);
        var command = f.RequiredString("command");
        var user = f.RequiredString("user");
        var given = f.OptionalString("name");
        if (given is not null && (given.Length == 0 || given.Contains('"', StringComparison.Ordinal) || given.Contains('\'', StringComparison.Ordinal)))
            f.Fail("Name must not contain quote characters");
        if (f.Error is not null) return Failure.BadRequest(f.Error);

        var account = UserDirectory.Find(user!);
        if (account is null) return Failure.BadRequest($"User \"{user}\" does not exist on the system");
        if (!UserDirectory.CanRunAs(account)) return Failure.BadRequest($"Cannot run as user '{user}': daemon is not running as root");
        var directory = f.AbsolutePath("directory") ?? account.Home;
        var shell = f.OptionalString("terminal_shell");
        if (shell is not null && !s_shells.Contains(shell)) f.Fail("Field 'terminal_shell' must be one of: bash, zsh, fish, sh, tmux");
        var ttl = f.Integer("ttl", 1, 86_400);
        var timeout = f.Integer("timeout", 1, 300) ?? 30;
        var wait = f.Bool("wait") ?? false;
        var programName = given ?? name(command!);
        var program = new ProgramConfig
        {
            Id = 0,
            Name = programName,
            Command = command!,
            User = user!,
            Directory = directory,
            Autorestart = f.Autorestart() ?? "false",
            Environment = f.StringMap("environment") ?? [],
            Priority = (int?)f.Integer("priority", 1, 999) ?? 999,
            DelaySeconds = (int?)f.Integer("delay_seconds", 0, 3600) ?? 0,
            LogsEnabled = f.Bool("logs_enabled") ?? true,
            LogMaxBytes = f.Integer("log_max_bytes", 0, long.MaxValue) ?? 5_242_880,
            LogBackups = (int?)f.Integer("log_backups", 0, 100) ?? 2,
            StdoutLogfile = f.AbsolutePath("stdout_logfile") ?? paths.DefaultLog(programName, "out"),
            StderrLogfile = f.AbsolutePath("stderr_logfile") ?? paths.DefaultLog(programName, "err"),
            Display = f.Display(out _),
            TerminalId = (int?)f.Integer("terminal_id", 1, 65535),
            TerminalShell = shell,
            TerminalInteractive = f.Bool("terminal_interactive"),
        };
        if (f.Error is not null) return Failure.BadRequest(f.Error);
        if (!Directory.Exists(directory)) return Failure.BadRequest($"Working directory '{directory}' does not exist");
        return new QuickStartRequest(program, ttl is { } seconds ? TimeSpan.FromSeconds(seconds) : null, wait, TimeSpan.FromSeconds(timeout));
    }
}
