using HoodyKit.Daemon.Native;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>Resolves the users programs run as, through the passwd database (getpwnam_r).</summary>
internal sealed class UserDirectory
{
    private readonly uint _euid = LibC.GetEffectiveUserId();

    public bool DaemonIsRoot => _euid == 0;

    public static PasswdEntry? Find(string name) => string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal) ? null : LibC.GetPasswd(name);

    /// <summary>Root may run as anyone; otherwise only as the daemon's own user.</summary>
    public bool CanRunAs(PasswdEntry user) => DaemonIsRoot || user.Uid == _euid;

    /// <summary>Whether switching to <paramref name="user"/> is needed (setuid via ProcessStartInfo.UserName).</summary>
    public bool NeedsSwitch(PasswdEntry user) => user.Uid != _euid;
}
