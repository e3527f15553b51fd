using System.Globalization;

namespace HoodyKit.Terminal.SystemInfo;

/// <summary>CPU (a delta of <c>/proc/stat</c> since the previous call), load, memory, root disk, network and uptime.</summary>
internal sealed class ResourceSampler
{
    private readonly Lock _gate = new();
    private (long Busy, long Total)? _previous;

    public ResourcesReply Read()
    {
        var memory = MemoryInfo.Read();
        var used = memory.Total - memory.Available;
        var root = new DriveInfo("/");
        var diskUsed = root.TotalSize - root.TotalFreeSpace;
        var load = File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        return new ResourcesReply(
            new CpuResources(CpuPercent(), Environment.ProcessorCount, load),
            new SpaceResources(memory.Total, used, memory.Available, Percent(used, memory.Total)),
            new SpaceResources(root.TotalSize, diskUsed, root.AvailableFreeSpace, Percent(diskUsed, root.TotalSize)),
            Network(),
            (long)uptime);
    }

    private double CpuPercent()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        lock (_gate)
        {
            var previous = _previous;
            _previous = (total - idle, total);
            if (previous is not { } p || total == p.Total) return Percent(total - idle, total);
            return Percent(total - idle - p.Busy, total - p.Total);
        }
    }

    private static List<NetworkResources> Network() =>
        [.. File.ReadLines("/proc/net/dev").Skip(2).Select(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new NetworkResources(line[..colon].Trim(), f[8], f[0], f[9], f[1]);
        })];

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(part * 100.0 / whole, 1);
}
