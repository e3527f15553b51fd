using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>Programs as the API shows them: user programs and built-in modules, with status and stats on request.</summary>
internal sealed class ProgramViews(ProgramStore store, BuiltInPrograms builtIns, ProgramSupervisor supervisor,
    ProcessStatsReader stats, TimeProvider time)
{
    /// <summary>Built-in modules first (ids 1001…), then user programs by id.</summary>
    public IReadOnlyList<ProgramConfig> All(bool includeStatus, bool includeStats)
    {
        var snapshot = includeStats ? ProcSnapshot.Take() : null;
        return [.. builtIns.List().Select(b => builtIns.View(b, includeStatus)),
                .. store.All().OrderBy(p => p.Id).Select(p => View(p, includeStatus, snapshot))];
    }

    public ProgramConfig? Find(int id, bool includeStatus = false) =>
        builtIns.Find(id) is { } builtIn ? builtIns.View(builtIn, includeStatus)
        : store.Find(id) is { } program ? View(program, includeStatus)
        : null;

    public ProgramConfig View(ProgramConfig program, bool includeStatus, ProcSnapshot? stats = null)
    {
        if (!includeStatus && stats is null) return program;
        return program with { Status = Status(program, null), Stats = stats is null ? null : Stats(program, null, stats) };
    }

    /// <summary>The status of a program, or of one port instance of a port-range program.</summary>
    public ProgramStatusView Status(ProgramConfig program, int? port)
    {
        var now = time.GetUtcNow();
        var instances = supervisor.Instances(program.Id);
        if (program.PortRange is null)
            return instances.Count > 0 && instances[0] is { } single ? StatusViews.ForInstance(program.Id, single.Snapshot(), now) : StatusViews.NeverStarted(program.Id, null, null);
        if (port is { } p)
        {
            return instances.FirstOrDefault(i => i.Port == p) is { } instance
                ? StatusViews.ForInstance(program.Id, instance.Snapshot(), now)
                : StatusViews.NeverStarted(program.Id, p, $"{program.Name}_{p}");
        }

        return StatusViews.Aggregate(program.Id, [.. instances.Select(i => StatusViews.ForInstance(program.Id, i.Snapshot(), now))]);
    }

    /// <summary>Tree-wide stats while running (null otherwise); a port-range program sums its running instances.</summary>
    public ProcessStats? Stats(ProgramConfig program, int? port, ProcSnapshot? snapshot = null)
    {
        snapshot ??= ProcSnapshot.Take();
        var running = supervisor.Instances(program.Id)
            .Where(i => port is null || i.Port == port)
            .Select(i => i.Snapshot())
            .Where(s => s.State == ProgramState.Running && s.Pid is not null && s.Marker is not null)
            .Select(s => stats.Read(snapshot, s.Pid!.Value, s.Marker!))
            .ToList();
        return running.Count switch
        {
            0 => null,
            1 => running[0],
            _ => new ProcessStats(running[0].Pid, running[0].StartedAt, Math.Round(running.Sum(r => r.CpuPercent), 1),
                running.Sum(r => r.MemoryRssBytes), running.Sum(r => r.ProcessCount), [.. running.SelectMany(r => r.Processes)]),
        };
    }
}
