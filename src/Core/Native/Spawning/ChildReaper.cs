using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace HoodyKit.Core.Native.Spawning;

/// <summary>
/// Reaps children started by <see cref="ProcessSpawner"/>: one SIGCHLD registration for the process, and on each
/// signal a non-blocking <c>waitpid</c> for every child still waited for (signals coalesce, so all are checked).
/// No thread per child. Children of <see cref="System.Diagnostics.Process"/> are not touched: the runtime reaps those.
/// </summary>
public static unsafe class ChildReaper
{
    private static readonly ConcurrentDictionary<int, TaskCompletionSource<int>> s_children = new();
    private static readonly Lazy<PosixSignalRegistration> s_registration =
        new(() => PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAll()));

    /// <summary>
    /// Completes with the exit code of child <paramref name="pid"/>: the status for a normal exit, 128 + signal for a
    /// death by signal, -1 when it was reaped by someone else. Call it right after the spawn.
    /// </summary>
    public static Task<int> WaitForExitAsync(int pid)
    {
        _ = s_registration.Value;
        var exit = s_children.GetOrAdd(pid, _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        TryReap(pid, exit); // it may have exited before it was registered
        return exit.Task;
    }

    /// <summary>Checks every child now (a backstop for callers that want to poll).</summary>
    public static void ReapAll()
    {
        foreach (var (pid, exit) in s_children) TryReap(pid, exit);
    }

    private static void TryReap(int pid, TaskCompletionSource<int> exit)
    {
        lock (exit)
        {
            if (exit.Task.IsCompleted) return;
            int status;
            int rc;
            do
            {
                rc = SpawnNative.WaitPid(pid, &status, SpawnNative.WNOHANG);
            }
            while (rc < 0 && Marshal.GetLastPInvokeError() == SpawnNative.EINTR);

            if (rc == 0) return; // still running
            s_children.TryRemove(pid, out _);
            if (rc != pid)
            {
                exit.TrySetResult(-1); // ECHILD: reaped elsewhere, code unknown
                return;
            }

            var signal = status & 0x7f;
            exit.TrySetResult(signal == 0 ? (status >> 8) & 0xff : 128 + signal);
        }
    }
}
