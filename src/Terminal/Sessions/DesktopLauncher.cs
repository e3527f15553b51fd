using System.Collections.Concurrent;
using HoodyKit.Core.Integration;
using HoodyKit.Core.Native.Spawning;
using HoodyKit.Core.Threading;
using HoodyKit.Terminal.Endpoints;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// Starts a session's <c>desktop_env</c> (xfce, mate) on its display once the display is ready: one desktop per
/// display while it runs, so a reset or a second terminal on the same display does not start another. The desktop
/// belongs to the display, not to the terminal, and outlives the session that asked for it.
/// </summary>
internal sealed partial class DesktopLauncher(IOptions<TerminalOptions> options, IDisplayReadiness displays,
    IHostApplicationLifetime lifetime, ILogger<DesktopLauncher> logger)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(300);
    private const int ReadOnly = 0; // O_RDONLY
    private const int WriteOnly = 1; // O_WRONLY
    private readonly ConcurrentDictionary<int, int> _running = new();

    /// <summary>Why <paramref name="spec"/>'s desktop cannot start (a 400 for the caller); null when it can, or none is asked for.</summary>
    public string? Problem(SessionSpec spec)
    {
        if (spec.DesktopEnvironment is not { } desktop) return null;
        if (spec.Ephemeral || DisplayWait.Number(spec.Display) is null) return "desktop_env needs a display";
        return Executable(desktop) is null
            ? $"Desktop environment '{desktop}' is not installed ({Command(desktop) ?? "no command configured"} not found)"
            : null;
    }

    /// <summary>Starts the desktop in the background once the display is ready (nothing when none is asked for).</summary>
    public void Start(int terminalId, SessionSpec spec, ShellPlan plan)
    {
        if (spec.DesktopEnvironment is not { } desktop || DisplayWait.Number(spec.Display) is not { } display) return;
        _ = Detached.Run(() => LaunchAsync(terminalId, desktop, display, plan));
    }

    /// <summary>The display numbers with a desktop we started still running.</summary>
    public IReadOnlyCollection<int> RunningDisplays => [.. _running.Keys];

    private async Task LaunchAsync(int terminalId, string desktop, int display, ShellPlan plan)
    {
        try
        {
            var readiness = await displays.WaitAsync(display, ReadyTimeout, lifetime.ApplicationStopping);
            if (readiness != DisplayReadiness.Ready)
            {
                LogNotReady(logger, desktop, display, DisplayWait.Status(readiness));
                return;
            }

            if (Executable(desktop) is not { } path) return;
            int pid;
            lock (_running)
            {
                if (_running.ContainsKey(display)) return;
                var argv = ShellCommand.AsUser(plan.UserId, plan.GroupId, [path]);
                pid = ProcessSpawner.Spawn(new SpawnRequest(argv[0], argv, plan.Environment, plan.WorkingDirectory,
                    [new SpawnOpen(0, "/dev/null", ReadOnly), new SpawnOpen(1, "/dev/null", WriteOnly), new SpawnDup(2, 1)]));
                _running[display] = pid;
            }

            LogStarted(logger, desktop, display, terminalId, pid);
            var status = await ChildReaper.WaitForExitAsync(pid);
            _running.TryRemove(display, out _);
            LogExited(logger, desktop, display, status);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // hoodykit is stopping before the display came up
        }
        catch (SpawnException ex)
        {
            LogFailed(logger, desktop, display, ex.Message);
        }
    }

    private string? Command(string desktop) => options.Value.DesktopCommands.GetValueOrDefault(desktop) is { Length: > 0 } command ? command : null;

    private string? Executable(string desktop) => Command(desktop) is { } command ? Core.Modules.ToolLocator.Find(command) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {Desktop} started on display :{Display} for terminal {TerminalId} (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string desktop, int display, int terminalId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {Desktop} on display :{Display} exited (status {Status})")]
    private static partial void LogExited(ILogger logger, string desktop, int display, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desktop {Desktop} not started: display :{Display} is {Status}")]
    private static partial void LogNotReady(ILogger logger, string desktop, int display, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desktop {Desktop} on display :{Display} failed to start: {Reason}")]
    private static partial void LogFailed(ILogger logger, string desktop, int display, string reason);
}
