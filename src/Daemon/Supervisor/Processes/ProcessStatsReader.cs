using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<(int Pid, long Start), (long Ticks, DateTimeOffset At)> _previous = new();

    public ProcessStats Read(ProcSnapshot snapshot, int leader, string marker)
    {
        var now = time.GetUtcNow();
        var members = snapshot.Members(leader, marker).OrderBy(m => m.Pid == leader ? 0 : 1).ThenBy(m => m.Pid).ToList();
        var entries = members.Select(m => Entry(m, now)).ToList();
        var leaderEntry = entries.FirstOrDefault(e => e.Pid == leader);
        return new ProcessStats(leader, leaderEntry?.StartedAt, Math.Round(entries.Sum(e => e.CpuPercent), 1),
            entries.Sum(e => e.MemoryRssBytes), entries.Count, entries);
    }

    private ProcessEntry Entry(ProcStat s, DateTimeOffset now)
    {
        var ticks = s.UserTicks + s.SystemTicks;
        var started = s.StartedAt;
        var key = (s.Pid, s.StartTicks);
        double cpu;
        if (_previous.TryGetValue(key, out var before) && now - before.At >= TimeSpan.FromMilliseconds(100))
            cpu = (ticks - before.Ticks) / (double)ProcStat.ClockTicks / (now - before.At).TotalSeconds * 100;
        else
            cpu = ticks / (double)ProcStat.ClockTicks / Math.Max(0.01, (now - started).TotalSeconds) * 100;
        if (!_previous.TryGetValue(key, out var kept) || now - kept.At >= TimeSpan.FromMilliseconds(100))
            _previous[key] = (ticks, now);
        if (_previous.Count > 4096)
            foreach (var stale in _previous.Where(p => now - p.Value.At > TimeSpan.FromMinutes(10)).ToList()) _previous.TryRemove(stale.Key, out _);
        return new ProcessEntry(s.Pid, s.Ppid, s.Name, ProcStat.CommandLine(s.Pid), s.State.ToString(), s.Threads,
            Math.Round(Math.Max(0, cpu), 1), s.RssPages * Environment.SystemPageSize, ProcessFacts.Iso(started));
    }
}
