using System.Diagnostics;
using System.Globalization;
using HoodyKit.Core.Modules;
using HoodyKit.Core.Native;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// <c>shell=tmux</c> sessions run <c>tmux new-session -A -s hoody-&lt;id&gt;</c>: the tmux server outlives the PTY (that is
/// its point: a reset attaches again), so deleting the terminal also kills its tmux session.
/// </summary>
internal static partial class TmuxSessions
{
    public static string Name(int terminalId) => $"hoody-{terminalId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Kills the terminal's tmux session (as the session's user, whose tmux server holds it); waits at most 2 s.</summary>
    public static void Kill(int terminalId, uint userId, uint groupId, ILogger logger)
    {
        if (ToolLocator.Find("tmux") is not { } tmux) return;
        var psi = userId == UnixUsers.EffectiveUserId
            ? new ProcessStartInfo(tmux)
            : new ProcessStartInfo(ToolLocator.Find("setpriv") ?? "/usr/bin/setpriv",
                ["--reuid", userId.ToString(CultureInfo.InvariantCulture), "--regid", groupId.ToString(CultureInfo.InvariantCulture), "--init-groups", "--", tmux]);
        foreach (var arg in (string[])["kill-session", "-t", Name(terminalId)]) psi.ArgumentList.Add(arg);
        psi.UseShellExecute = false;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi);
        if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(2))) LogKillSlow(logger, terminalId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "tmux kill-session for terminal {TerminalId} did not finish in 2 s")]
    private static partial void LogKillSlow(ILogger logger, int terminalId);
}
