using System.Runtime.InteropServices;

namespace HoodyKit.Terminal.Native;

/// <summary>
/// libc calls for pseudo-terminals (design/terminal.md §9): posix_openpt + posix_spawnp with SETSID, so the
/// child's first open of the slave makes it the controlling tty. No fork from managed code.
/// </summary>
internal static unsafe partial class PtyNative
{
    public const int O_RDWR = 2;
    public const int O_NOCTTY = 0x100;
    public const int O_CLOEXEC = 0x80000;
    public const ulong TIOCSWINSZ = 0x5414;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int ECHILD = 10;
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    /// <summary>Opaque glibc structures are smaller than this (file actions 80 B, attr 336 B, sigset 128 B).</summary>
    public const int OpaqueSize = 1024;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Cols;
        public ushort XPixel;
        public ushort YPixel;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r")]
    public static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlWinSize(int fd, ulong request, WinSize* size);

    [LibraryImport("libc", EntryPoint = "tcgetpgrp", SetLastError = true)]
    public static partial int TcGetPgrp(int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddOpen(void* actions, int fd, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddChdir(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static partial int AttrInit(void* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttrSetFlags(void* attr, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttrSetSigDefault(void* attr, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttrSetSigMask(void* attr, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttrDestroy(void* attr);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* set);

    /// <summary>Returns an errno-style code (0 on success), not -1.</summary>
    [LibraryImport("libc", EntryPoint = "posix_spawnp", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PosixSpawnP(int* pid, string file, void* actions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, uint owner, uint group);
}
