using System.Collections.Concurrent;

namespace HoodyKit.Core.Native;

/// <summary>
/// CPU % of processes: measured since the previous reading of the same process (at least 100 ms ago), else
/// averaged over its life as <c>ps</c> does; may pass 100 on several cores. Readings of gone processes are
/// dropped after ten minutes.
/// </summary>
public sealed class CpuSampler(TimeProvider time)
{
    private static readonly TimeSpan s_minimumGap = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<(int Pid, long Start), (long Ticks, DateTimeOffset At)> _previous = new();

    public double Percent(ProcStat process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var now = time.GetUtcNow();
        var ticks = process.UserTicks + process.SystemTicks;
        var key = (process.Pid, process.StartTicks);
        double cpu;
        if (_previous.TryGetValue(key, out var before) && now - before.At >= s_minimumGap)
            cpu = (ticks - before.Ticks) / (double)ProcStat.ClockTicks / (now - before.At).TotalSeconds * 100;
        else
            cpu = ticks / (double)ProcStat.ClockTicks / Math.Max(0.01, (now - process.StartedAt).TotalSeconds) * 100;
        if (!_previous.TryGetValue(key, out var kept) || now - kept.At >= s_minimumGap) _previous[key] = (ticks, now);
        if (_previous.Count > 8192)
            foreach (var stale in _previous.Where(p => now - p.Value.At > TimeSpan.FromMinutes(10)).ToList()) _previous.TryRemove(stale.Key, out _);
        return Math.Round(Math.Max(0, cpu), 1);
    }
}
