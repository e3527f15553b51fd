using HoodyKit.Core.Native;
namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// One scan of <c>/proc</c>, shared by every tree lookup of a request (listing 50 programs with stats reads
/// the process table once, and each process's environment at most once).
/// </summary>
internal sealed class ProcSnapshot
{
    private readonly Dictionary<int, string?> _instanceMarkers = [];
    private readonly ILookup<int, ProcStat> _children;

    private ProcSnapshot(List<ProcStat> processes)
    {
        Processes = processes;
        _children = processes.ToLookup(p => p.Ppid);
    }

    /// <summary>Live (non-zombie) processes other than hoodykit itself.</summary>
    public IReadOnlyList<ProcStat> Processes { get; }

    public static ProcSnapshot Take() =>
        new([.. ProcStat.AllPids().Where(p => p != Environment.ProcessId).Select(ProcStat.Read).OfType<ProcStat>().Where(s => s.State != 'Z')]);

    /// <summary>The members of the tree led by <paramref name="leader"/>: its group and session, their descendants, and marker holders.</summary>
    public List<ProcStat> Members(int leader, string marker)
    {
        var members = new Dictionary<int, ProcStat>();
        foreach (var s in Processes)
            if (s.Pid == leader || s.Pgrp == leader || s.Sid == leader) members[s.Pid] = s;
        var frontier = new Queue<int>(members.Keys);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in _children[parent])
                if (members.TryAdd(child.Pid, child)) frontier.Enqueue(child.Pid);
        }

        foreach (var s in Processes.Where(s => !members.ContainsKey(s.Pid)))
            if (InstanceMarker(s.Pid) == marker) members[s.Pid] = s;
        return [.. members.Values];
    }

    /// <summary>The <c>HOODY_INSTANCE=…</c> entry of a process's environment, read once.</summary>
    private string? InstanceMarker(int pid)
    {
        if (!_instanceMarkers.TryGetValue(pid, out var marker))
            _instanceMarkers[pid] = marker = ProcStat.EnvironmentEntry(pid, "HOODY_INSTANCE=");
        return marker;
    }
}
