using System.Net;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>A session flooding output never blocks the others, and memory stays bounded while a client does not read.</summary>
public sealed class OutputFloodTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-term-home-").FullName;

    [Test, CancelAfter(120_000)]
    public async Task A_flood_with_a_client_that_does_not_read_blocks_no_other_session_and_holds_no_copy_of_itself(CancellationToken ct)
    {
        await using var stalled = await TtyClient.ConnectAsync(Host.BaseAddress, $"terminal_id=81&env=HOME={Uri.EscapeDataString(s_home)}", ct);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        // ~40 MB of output; the client above reads nothing until it is over
        await stalled.SendInputAsync("yes hoodykit-flood-line | head -n 2000000; echo flood-$((6*7))\r", ct);

        using (var other = await Host.Client.PostAsync("/api/v1/terminal/execute?ephemeral=true",
            new StringContent("""{"command":"echo other-ok","timeout":30}""", Encoding.UTF8, "application/json"), ct))
        {
            var reply = await HttpAssert.ReadJsonAsync(other, HttpStatusCode.OK, ct);
            Assert.That((string?)reply["output"], Does.Contain("other-ok"), "another session answers while the flood runs");
        }

        await WaitForScreenAsync("flood-42", ct);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.That(grown, Is.LessThan(24L * 1024 * 1024), "the stalled client's queue, the replay ring and the scrollback are capped");
        Assert.That(await stalled.ReadUntilContainsAsync("flood-42", ct), Is.True, "the stalled client catches up through a resync");
    }

    private async Task WaitForScreenAsync(string text, CancellationToken ct)
    {
        while (true)
        {
            var found = await Host.Client.GetFromJsonNodeAsync($"/api/v1/terminal/find?terminal_id=81&pattern={text}&scope=screen", ct);
            if ((int?)found["total"] > 0) return;
            await Task.Delay(100, ct);
        }
    }
}
