using System.Runtime.InteropServices;

namespace HoodyKit.Daemon.Native;

/// <summary>The few libc calls the supervisor needs; no fork, no SIGCHLD handling (see design/daemon.md §4).</summary>
internal static unsafe partial class LibC
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int ESRCH = 3;
    private const int ScClkTck = 2;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    /// <summary><c>kill(2)</c>: a negative pid signals the process group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetPwNamR(string name, Passwd* pwd, byte* buffer, nuint bufferLength, Passwd** result);

    /// <summary>Clock ticks per second for <c>/proc/*/stat</c> times (100 on Debian amd64).</summary>
    public static long ClockTicks { get; } = SysConf(ScClkTck) is > 0 and var ticks ? ticks : 100;

    /// <summary>Looks a user up in the passwd database (files, LDAP, … as nsswitch says).</summary>
    public static PasswdEntry? GetPasswd(string name)
    {
        var size = 16 * 1024;
        while (size <= 1024 * 1024)
        {
            var buffer = new byte[size];
            Passwd entry;
            Passwd* result = null;
            int error;
            fixed (byte* b = buffer)
            {
                error = GetPwNamR(name, &entry, b, (nuint)buffer.Length, &result);
                if (error == 0)
                {
                    return result is null
                        ? null
                        : new PasswdEntry(name, entry.Uid, entry.Gid,
                            Marshal.PtrToStringUTF8((nint)entry.Dir) ?? "/",
                            Marshal.PtrToStringUTF8((nint)entry.Shell) ?? "/bin/sh");
                }
            }

            if (error != 34) return null; // ERANGE: grow the buffer; anything else: not resolvable
            size *= 4;
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Dir;
        public byte* Shell;
    }
}

/// <summary>One passwd entry: what a supervised program's environment is built from.</summary>
internal sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);
