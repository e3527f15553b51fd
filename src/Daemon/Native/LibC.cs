using System.Runtime.InteropServices;

namespace HoodyKit.Daemon.Native;

/// <summary>The libc calls the supervisor makes itself; spawning and reaping are Core's <c>ProcessSpawner</c> and <c>ChildReaper</c>.</summary>
internal static partial class LibC
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int ESRCH = 3;

    /// <summary><c>kill(2)</c>: a negative pid signals the process group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
