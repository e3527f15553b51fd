using HoodyKit.Daemon.Supervisor;

namespace HoodyKit.UnitTests.Daemon;

public sealed class UptimeTests
{
    [TestCase(0, "0:00:00")]
    [TestCase(62, "0:01:02")]
    [TestCase(49 * 3600 + 5 * 60 + 1, "49:05:01")]
    [TestCase(-5, "0:00:00")]
    public void Uptime_is_total_hours_minutes_seconds(int seconds, string expected) =>
        Assert.That(Uptime.Format(TimeSpan.FromSeconds(seconds)), Does.Match(@"^\d+:\d{2}:\d{2}$").And.EqualTo(expected));
}
