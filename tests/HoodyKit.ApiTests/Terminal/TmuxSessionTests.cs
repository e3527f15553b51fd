using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary><c>shell=tmux</c>: the PTY runs a tmux session named after the terminal, killed with the terminal.</summary>
public sealed class TmuxSessionTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-term-home-").FullName;

    [Test, CancelAfter(30_000)]
    public async Task A_tmux_terminal_runs_the_shell_inside_tmux_and_delete_ends_the_tmux_session(CancellationToken ct)
    {
        Tool.Require("tmux", "tmux");
        await using (var tty = await TtyClient.ConnectAsync(Host.BaseAddress, $"terminal_id=85&shell=tmux&env=HOME={Uri.EscapeDataString(s_home)}", ct))
        {
            await tty.SendInputAsync("echo in-tmux-$((6*7)) ${TMUX:+set}\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync("in-tmux-42 set", ct), Is.True, tty.Output);
            Assert.That(tty.Frames.Single(f => f.Opcode == '4').Payload, Is.EqualTo("tmux"));
        }

        Assert.That((await Tool.RunAsync("tmux", ["has-session", "-t", "hoody-85"], ct)).ExitCode, Is.Zero, "the tmux session outlives its clients");
        using var deleted = await Host.Client.DeleteAsync("/api/v1/terminal/85", ct);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Tool.RunAsync("tmux", ["has-session", "-t", "hoody-85"], ct)).ExitCode, Is.Not.Zero, "deleting the terminal kills its tmux session");
    }
}
