using HoodyKit.Core.Health;
using HoodyKit.Core.Native;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// Tree-wide CPU and memory from <c>/proc</c>. CPU % is measured since the previous reading of the same
/// process (≥ 100 ms ago), else averaged over the process's life, as <c>ps</c> does; it may pass 100 on
/// several cores. RSS sums the members' resident pages (shared pages count once per process).
/// </summary>
internal sealed class ProcessStatsReader(TimeProvider time)
{
    private readonly CpuSampler _cpu = new(time);

    public ProcessStats Read(ProcSnapshot snapshot, int leader, string marker)
    {
        var members = snapshot.Members(leader, marker).OrderBy(m => m.Pid == leader ? 0 : 1).ThenBy(m => m.Pid).ToList();
        var entries = members.Select(Entry).ToList();
        var leaderEntry = entries.FirstOrDefault(e => e.Pid == leader);
        return new ProcessStats(leader, leaderEntry?.StartedAt, Math.Round(entries.Sum(e => e.CpuPercent), 1),
            entries.Sum(e => e.MemoryRssBytes), entries.Count, entries);
    }

    private ProcessEntry Entry(ProcStat s) =>
        new(s.Pid, s.Ppid, s.Name, ProcStat.CommandLine(s.Pid), s.State.ToString(), s.Threads, _cpu.Percent(s),
            s.RssPages * Environment.SystemPageSize, ProcessFacts.Iso(s.StartedAt));
}
