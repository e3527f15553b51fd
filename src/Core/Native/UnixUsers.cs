using System.Buffers;
using System.Runtime.InteropServices;

namespace HoodyKit.Core.Native;

/// <summary>The passwd database (getpwnam_r) and the effective uid: shared by the modules that spawn as a user.</summary>
public static unsafe partial class UnixUsers
{
    private const int ERANGE = 34;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserIdNative();

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetPwNamR(string name, Passwd* pwd, byte* buffer, nuint bufferLength, Passwd** result);

    public static uint EffectiveUserId { get; } = GetEffectiveUserIdNative();

    public static bool IsRoot => EffectiveUserId == 0;

    /// <summary>Looks a user up (files, LDAP, … as nsswitch says); null when there is no such user.</summary>
    public static PasswdEntry? Find(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal)) return null;
        for (var size = 16 * 1024; size <= 1024 * 1024; size *= 4)
        {
            // a pooled buffer: every program start and terminal session looks a user up
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var error = Lookup(name, buffer, out var found);
                if (error != ERANGE) return error == 0 ? found : null; // grow the buffer on ERANGE; anything else: not resolvable
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return null;
    }

    private static int Lookup(string name, byte[] buffer, out PasswdEntry? found)
    {
        found = null;
        Passwd entry;
        Passwd* result = null;
        fixed (byte* b = buffer)
        {
            var error = GetPwNamR(name, &entry, b, (nuint)buffer.Length, &result);
            if (error == 0 && result is not null)
            {
                found = new PasswdEntry(name, entry.Uid, entry.Gid,
                    Marshal.PtrToStringUTF8((nint)entry.Dir) ?? "/",
                    Marshal.PtrToStringUTF8((nint)entry.Shell) ?? "/bin/sh");
            }

            return error;
        }
    }

    /// <summary>The name of uid <paramref name="uid"/> from /etc/passwd, else the uid itself (as <c>ps</c> shows it).</summary>
    public static string NameOf(string uid)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 2 && fields[2] == uid) return fields[0];
        }

        return uid;
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

/// <summary>One passwd entry: what a spawned program's environment is built from.</summary>
public sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);
