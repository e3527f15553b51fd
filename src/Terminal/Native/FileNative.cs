using System.Runtime.InteropServices;

namespace HoodyKit.Terminal.Native;

/// <summary>
/// The file facts .NET does not expose: a file's owner (through <c>statx</c>, whose layout is the same on every
/// architecture, unlike <c>struct stat</c>) and a change of group that never follows a link (<c>lchown</c>).
/// </summary>
internal static unsafe partial class FileNative
{
    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_BASIC_STATS = 0x7ff;
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int ModeOffset = 28;

    public const uint S_IFMT = 0xF000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_IFLNK = 0xA000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    /// <summary>Owner, group and mode (type bits included) of <paramref name="path"/> itself, never a link's target; null when it cannot be read.</summary>
    public static FileOwner? Lstat(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) != 0) return null;
        return new FileOwner(*(uint*)(buffer + UidOffset), *(uint*)(buffer + GidOffset), *(ushort*)(buffer + ModeOffset));
    }

    /// <summary>Gives <paramref name="path"/> (never a link's target) to group <paramref name="group"/>, keeping its owner; false with errno set on failure.</summary>
    public static bool SetGroup(string path, uint group) => LChown(path, uint.MaxValue, group) == 0;
}

/// <summary>What <see cref="FileNative.Lstat"/> reads.</summary>
internal readonly record struct FileOwner(uint UserId, uint GroupId, uint Mode)
{
    public bool IsDirectory => (Mode & FileNative.S_IFMT) == FileNative.S_IFDIR;

    public bool IsLink => (Mode & FileNative.S_IFMT) == FileNative.S_IFLNK;

    /// <summary>The permission bits, as <c>chmod</c> writes them (0o7777).</summary>
    public uint Permissions => Mode & 0xFFF;
}
