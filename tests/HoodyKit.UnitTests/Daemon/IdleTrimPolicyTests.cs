using HoodyKit.Daemon.Hosting;

namespace HoodyKit.UnitTests.Daemon;

public sealed class IdleTrimPolicyTests
{
    private const long MB = 1024 * 1024;

    [Test]
    public void The_first_sample_only_sets_the_baseline()
    {
        var policy = new IdleTrimPolicy();
        Assert.That(policy.ShouldTrim(100 * MB), Is.False);
        Assert.That(policy.ShouldTrim(100 * MB), Is.False, "nothing allocated since the baseline");
    }

    [Test]
    public void A_burst_is_trimmed_once_the_process_goes_quiet_and_only_once()
    {
        var policy = new IdleTrimPolicy(worthTrimmingBytes: 2 * MB, quietBytes: 256 * 1024);
        policy.ShouldTrim(0);
        Assert.That(policy.ShouldTrim(10 * MB), Is.False, "still busy: 10 MB in the last period");
        Assert.That(policy.ShouldTrim(10 * MB + 1000), Is.True, "quiet now, 10 MB since the last trim");
        Assert.That(policy.ShouldTrim(10 * MB + 2000), Is.False, "already trimmed");
    }

    [Test]
    public void Small_allocations_never_add_up_to_a_trim_until_they_pass_the_threshold()
    {
        var policy = new IdleTrimPolicy(worthTrimmingBytes: 2 * MB, quietBytes: 256 * 1024);
        long total = 0;
        policy.ShouldTrim(total);
        var trims = 0;
        for (var i = 0; i < 20; i++)
        {
            total += 100 * 1024; // a quiet trickle: 100 KB per period
            if (policy.ShouldTrim(total)) trims++;
        }

        Assert.That(trims, Is.EqualTo(0), "2 MB trickled in quietly: 20 × 100 KB is just under the threshold");
        total += 100 * 1024;
        Assert.That(policy.ShouldTrim(total), Is.True);
    }
}
