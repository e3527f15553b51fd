using System.Globalization;
using HoodyKit.Core.Health;
using HoodyKit.Core.Native;

namespace HoodyKit.Terminal.SystemInfo;

/// <summary>
/// The machine's processes from <c>/proc</c> (Process.GetProcesses has neither state nor parent). CPU % is
/// measured since the previous reading of the same process (≥ 100 ms ago), else averaged over its life.
/// </summary>
internal sealed class ProcessTable(TimeProvider time)
{
    private readonly CpuSampler _cpu = new(time);

    public IReadOnlyList<ProcessSummary> List(string? sort, string? filter, int? limit)
    {
        var memTotal = MemoryInfo.Read().Total;
        IEnumerable<ProcessSummary> rows = ProcStat.AllPids().Select(ProcStat.Read).OfType<ProcStat>()
            .Where(s => filter is null || s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .Select(s => new ProcessSummary(s.Pid, s.Name, _cpu.Percent(s), MemoryPercent(s, memTotal), s.State.ToString(), CommandOrName(s)));
        rows = sort switch
        {
            "cpu" => rows.OrderByDescending(r => r.CpuPercent),
            "memory" => rows.OrderByDescending(r => r.MemoryPercent),
            "name" => rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
            _ => rows.OrderBy(r => r.Pid),
        };
        return [.. limit is > 0 ? rows.Take(limit.Value) : rows];
    }

    public ProcessDetails? Details(int pid)
    {
        if (ProcStat.Read(pid) is not { } s) return null;
        var status = StatusFields(pid);
        var uid = status.TryGetValue("Uid", out var uids) ? uids.Split('\t', StringSplitOptions.RemoveEmptyEntries)[0] : null;
        return new ProcessDetails(s.Pid, s.Name, CommandOrName(s), s.State.ToString(), s.Ppid, uid is null ? null : UnixUsers.NameOf(uid),
            _cpu.Percent(s), MemoryPercent(s, MemoryInfo.Read().Total), s.RssPages * Environment.SystemPageSize, Kilobytes(status, "VmSize"),
            ProcessFacts.Iso(s.StartedAt), s.Threads, Link($"/proc/{pid}/cwd"));
    }

    private static double MemoryPercent(ProcStat s, long total) =>
        total <= 0 ? 0 : Math.Round(s.RssPages * (double)Environment.SystemPageSize / total * 100, 2);

    private static string CommandOrName(ProcStat s) => ProcStat.CommandLine(s.Pid) is { Length: > 0 } command ? command : s.Name;

    private static Dictionary<string, string> StatusFields(int pid)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the process ended while we read it
        }

        return fields;
    }

    private static long Kilobytes(Dictionary<string, string> status, string field) =>
        status.TryGetValue(field, out var value) && long.TryParse(value.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : 0;

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // not ours to read
        }
    }
}

/// <summary><c>/proc/meminfo</c>: total and available memory in bytes.</summary>
internal sealed record MemoryInfo(long Total, long Available)
{
    public static MemoryInfo Read()
    {
        long total = 0, available = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal)) total = Parse(line);
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) available = Parse(line);
        }

        return new MemoryInfo(total, available);
    }

    private static long Parse(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
