using HoodyKit.Core.Native;

namespace HoodyKit.UnitTests.Daemon;

public sealed class ProcStatTests
{
    [Test]
    public void Fields_are_read_after_the_last_parenthesis_so_odd_names_parse()
    {
        const string line = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 0 0 20 0 3 0 12345 1000000 250 18446744073709551615";
        var stat = ProcStat.Parse(line)!;
        Assert.That(stat.Pid, Is.EqualTo(4242));
        Assert.That(stat.Name, Is.EqualTo("my (odd) prog"));
        Assert.That(stat.State, Is.EqualTo('S'));
        Assert.That((stat.Ppid, stat.Pgrp, stat.Sid), Is.EqualTo((1, 4242, 4242)));
        Assert.That((stat.UserTicks, stat.SystemTicks), Is.EqualTo((17L, 5L)));
        Assert.That(stat.Threads, Is.EqualTo(3));
        Assert.That(stat.StartTicks, Is.EqualTo(12345));
        Assert.That(stat.RssPages, Is.EqualTo(250));
    }

    [Test]
    public void This_process_reads_itself() =>
        Assert.That(ProcStat.Read(Environment.ProcessId)!.Pid, Is.EqualTo(Environment.ProcessId));

    [Test]
    public void Garbage_is_not_a_stat() => Assert.That(ProcStat.Parse("nonsense"), Is.Null);
}
