using System.Runtime.InteropServices;
using HoodyKit.Terminal.Native;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// Hands a committed drop to the session's user for reading: every folder 0750 and file 0640, in the user's group,
/// still owned by hoodykit. The user can read the drop but not change it, so it cannot plant a link in a folder
/// that hoodykit (often root) later deletes.
/// </summary>
internal static class DropOwnership
{
    private const UnixFileMode ReadableFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private const UnixFileMode ReadableFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public static void ShareWithGroup(string root, uint groupId)
    {
        Share(root, isFolder: true, groupId);
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", everything))
            Share(entry.FullName, entry is DirectoryInfo, groupId);
    }

    private static void Share(string path, bool isFolder, uint groupId)
    {
        if (!FileNative.SetGroup(path, groupId))
            throw new IOException($"Cannot give '{path}' to group {groupId} (errno {Marshal.GetLastPInvokeError()})");
        File.SetUnixFileMode(path, isFolder ? ReadableFolder : ReadableFile);
    }
}
