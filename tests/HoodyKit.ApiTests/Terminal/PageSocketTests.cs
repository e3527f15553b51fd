using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>What the web page relies on from the WebSocket beyond ttyd's protocol: <c>reset</c>, and the session size for read-only viewers.</summary>
public sealed class PageSocketTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-page-ws-home-").FullName;

    private static string Query(string query) => $"{query}&env=HOME={Uri.EscapeDataString(s_home)}";

    [Test, CancelAfter(20_000)]
    public async Task Reset_in_the_socket_query_restarts_the_shell(CancellationToken ct)
    {
        await using (var tty = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=61"), ct))
        {
            await tty.SendInputAsync("echo ready-$((2+3))\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync("ready-5", ct), Is.True, tty.Output);
        }

        var before = await PidAsync(61, ct);
        await using (var again = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=61"), ct))
        {
            await again.SendInputAsync("echo same-$((3+3))\r", ct);
            Assert.That(await again.ReadUntilContainsAsync("same-6", ct), Is.True, again.Output);
        }

        Assert.That(await PidAsync(61, ct), Is.EqualTo(before), "without reset the session is joined");
        await using var reset = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=61&reset"), ct);
        await reset.SendInputAsync("echo fresh-$((4+3))\r", ct);
        Assert.That(await reset.ReadUntilContainsAsync("fresh-7", ct), Is.True, reset.Output);
        Assert.That(await PidAsync(61, ct), Is.Not.EqualTo(before));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_read_only_viewer_is_told_the_session_size_before_the_replay(CancellationToken ct)
    {
        await using var writer = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=62"), ct);
        await writer.SendResizeAsync(100, 30, ct);
        await writer.SendInputAsync("echo size=$(tput cols)x$(tput lines)\r", ct);
        Assert.That(await writer.ReadUntilContainsAsync("size=100x30", ct), Is.True, writer.Output);

        await using var viewer = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=62&readonly"), ct);
        Assert.That(await viewer.ReadUntilContainsAsync("size=100x30", ct), Is.True, viewer.Output);
        var opcodes = viewer.Frames.Select(f => f.Opcode).ToList();
        Assert.That(opcodes.Take(6), Is.EqualTo(new[] { '2', '3', '4', '1', '5', '0' }));
        Assert.That(viewer.Frames[4].Payload, Is.EqualTo("""{"columns":100,"rows":30}"""));
    }

    private async Task<int> PidAsync(int id, CancellationToken ct)
    {
        var sessions = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/sessions", ct);
        return (int)sessions.AsArray().Single(s => (int?)s!["terminal_id"] == id)!["pid"]!;
    }
}
