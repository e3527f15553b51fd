using System.Runtime.InteropServices;

namespace HoodyKit.Daemon.Native;

/// <summary>The few libc calls the supervisor needs; no fork, no SIGCHLD handling (see design/daemon.md §4).</summary>
internal static partial class LibC
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int ESRCH = 3;
    private const int ScClkTck = 2;

    /// <summary><c>kill(2)</c>: a negative pid signals the process group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    /// <summary>Clock ticks per second for <c>/proc/*/stat</c> times (100 on Debian amd64).</summary>
    public static long ClockTicks { get; } = SysConf(ScClkTck) is > 0 and var ticks ? ticks : 100;
}
