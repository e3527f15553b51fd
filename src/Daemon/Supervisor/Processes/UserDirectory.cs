using HoodyKit.Core.Native;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>Resolves the users programs run as, through the passwd database (getpwnam_r).</summary>
internal static class UserDirectory
{
    public static bool DaemonIsRoot => UnixUsers.IsRoot;

    public static PasswdEntry? Find(string name) => UnixUsers.Find(name);

    /// <summary>Root may run as anyone; otherwise only as the daemon's own user.</summary>
    public static bool CanRunAs(PasswdEntry user) => DaemonIsRoot || user.Uid == UnixUsers.EffectiveUserId;

    /// <summary>Whether switching to <paramref name="user"/> is needed (setuid via ProcessStartInfo.UserName).</summary>
    public static bool NeedsSwitch(PasswdEntry user) => user.Uid != UnixUsers.EffectiveUserId;
}
