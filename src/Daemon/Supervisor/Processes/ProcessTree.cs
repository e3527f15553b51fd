using HoodyKit.Core.Native;
using HoodyKit.Daemon.Native;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// A supervised program's whole tree: its process group and session (the leader's pid, thanks to
/// setsid), plus anything carrying its <c>HOODY_INSTANCE</c> marker (double-forked setsid daemons).
/// Stopping is TERM to the group, a grace period, then KILL to every member, repeated until none is left.
/// </summary>
internal sealed class ProcessTree(TimeProvider time)
{
    /// <summary>The live members of the tree led by <paramref name="leader"/> (which may already be gone).</summary>
    public static List<ProcStat> Members(int leader, string marker) => ProcSnapshot.Take().Members(leader, marker);

    /// <summary>TERM (or <paramref name="signal"/>) to the group, wait up to <paramref name="grace"/>, then KILL everything left.</summary>
    public async Task StopAsync(int leader, string marker, int signal, TimeSpan grace, CancellationToken ct)
    {
        LibC.Kill(-leader, signal);
        LibC.Kill(leader, signal);
        var deadline = time.GetUtcNow() + grace;
        while (time.GetUtcNow() < deadline && Members(leader, marker).Count > 0)
            await Task.Delay(10, ct);
        await KillLeftoversAsync(leader, marker, ct);
    }

    /// <summary>KILL every member until none is left (up to 2 s of retries for processes still forking).</summary>
    public async Task KillLeftoversAsync(int leader, string marker, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(2);
        while (time.GetUtcNow() < deadline)
        {
            var members = Members(leader, marker);
            if (members.Count == 0) return;
            LibC.Kill(-leader, LibC.SIGKILL);
            foreach (var member in members) LibC.Kill(member.Pid, LibC.SIGKILL);
            await Task.Delay(10, ct);
        }
    }
}
