using HoodyKit.Daemon.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Daemon;

public sealed class IdleMemoryTrimmerTests
{
    [Test]
    public async Task A_burst_of_allocation_is_collected_once_the_process_is_quiet()
    {
        var time = new FakeTimeProvider();
        using var trimmer = new IdleMemoryTrimmer(time, NullLogger<IdleMemoryTrimmer>.Instance);
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            var gen2Before = GC.CollectionCount(2);
            await WaitUntilAsync(() =>
            {
                Burst(8 * 1024 * 1024);
                time.Advance(IdleMemoryTrimmer.Period); // sees the burst: not quiet yet
                time.Advance(IdleMemoryTrimmer.Period); // quiet: trims
                return trimmer.Trims > 0;
            });
            Assert.That(GC.CollectionCount(2), Is.GreaterThan(gen2Before));
            var trims = trimmer.Trims;
            for (var i = 0; i < 5; i++) time.Advance(IdleMemoryTrimmer.Period);
            await Task.Delay(50);
            Assert.That(trimmer.Trims, Is.EqualTo(trims), "nothing new to give back");
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    private static void Burst(int bytes)
    {
        for (var i = 0; i < bytes / 4096; i++) GC.KeepAlive(new byte[4096]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the trim");
            await Task.Delay(10); // the service's loop runs on its own thread
        }
    }
}
