using System.Runtime.InteropServices;

namespace HoodyKit.Daemon.Native;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();
}
