using System.Globalization;
using HoodyKit.Core.Hosting;
using HoodyKit.Core.Native;
using HoodyKit.Terminal.Native;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The staging folder: <c>&lt;base&gt;/&lt;terminal id&gt;/&lt;drop id&gt;/</c>. The base and the terminal folders are
/// hoodykit's, mode 0711 (a session user can pass through, not list); a drop's folder is 0700 and only hoodykit
/// writes into it. The base is used only when it is safe: a real folder (not a link) owned by hoodykit's user and
/// writable by nobody else, in a parent nobody else can swap it in (a world-writable parent must be sticky).
/// Otherwise staging is unavailable and drop-begin says why (fail closed).
/// </summary>
internal sealed class DropDirectory(IOptions<DropOptions> options, KitSettings kit)
{
    private const UnixFileMode PassThrough = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Base { get; } = options.Value.Directory is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : UnixUsers.IsRoot ? "/var/cache/hoodykit/drops" : Path.Combine(kit.ModuleDataDir("terminal"), "drops");

    /// <summary>The folder that holds <paramref name="terminalId"/>'s drops.</summary>
    public string TerminalFolder(int terminalId) => Path.Combine(Base, terminalId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates a new drop's private folder (with its <c>files/</c>); null and the reason when staging is unavailable.</summary>
    public (string? Root, string? Problem) CreateDropFolder(int terminalId, string dropId)
    {
        if (EnsureBase() is { } problem) return (null, problem);
        var terminalFolder = TerminalFolder(terminalId);
        Directory.CreateDirectory(terminalFolder, PassThrough);
        File.SetUnixFileMode(terminalFolder, PassThrough);
        var root = Path.Combine(terminalFolder, dropId);
        Directory.CreateDirectory(root, Private);
        File.SetUnixFileMode(root, Private);
        Directory.CreateDirectory(Path.Combine(root, Drop.FilesFolder), Private);
        return (root, null);
    }

    /// <summary>
    /// Every drop folder on disk: (terminal id, drop id, path). Only in a base that passes the safety checks, and
    /// only folders named as drops are (32 hex digits), so a misconfigured base never offers anything else for deletion.
    /// </summary>
    public IEnumerable<(int TerminalId, string DropId, string Path)> ListDropFolders()
    {
        if (!Directory.Exists(Base) || Problem() is not null) yield break;
        foreach (var terminalFolder in Directory.EnumerateDirectories(Base))
        {
            if (!int.TryParse(Path.GetFileName(terminalFolder), NumberStyles.None, CultureInfo.InvariantCulture, out var terminalId)) continue;
            foreach (var dropFolder in Directory.EnumerateDirectories(terminalFolder))
            {
                var name = Path.GetFileName(dropFolder);
                if (name.Length == 32 && name.All(char.IsAsciiHexDigitLower)) yield return (terminalId, name, dropFolder);
            }
        }
    }

    private string? EnsureBase()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Base) ?? "/");
        if (!Directory.Exists(Base)) Directory.CreateDirectory(Base, PassThrough);
        if (Problem() is { } problem) return problem;
        File.SetUnixFileMode(Base, PassThrough);
        return null;
    }

    /// <summary>Why the base (which exists) is not safe to stage in; null when it is.</summary>
    private string? Problem()
    {
        const uint groupOrOtherWrite = 0x12; // 0o022
        const uint sticky = 0x200; // 0o1000
        var parent = Path.GetDirectoryName(Base) ?? "/";
        if (FileNative.Lstat(parent) is not { } parentFacts) return $"staging folder parent '{parent}' cannot be read";
        if (parentFacts.UserId != 0 && parentFacts.UserId != UnixUsers.EffectiveUserId)
            return $"staging folder parent '{parent}' belongs to another user";
        if ((parentFacts.Permissions & groupOrOtherWrite) != 0 && (parentFacts.Permissions & sticky) == 0)
            return $"staging folder parent '{parent}' is writable by other users and not sticky";
        if (FileNative.Lstat(Base) is not { } facts) return $"staging folder '{Base}' cannot be read";
        if (!facts.IsDirectory) return $"staging folder '{Base}' is not a folder (a link, or a file)";
        if (facts.UserId != UnixUsers.EffectiveUserId)
            return $"staging folder '{Base}' belongs to uid {facts.UserId}, not to hoodykit's user";
        if ((facts.Permissions & groupOrOtherWrite) != 0)
            return string.Create(CultureInfo.InvariantCulture, $"staging folder '{Base}' is writable by other users (mode {Convert.ToString(facts.Permissions, 8)})");
        return null;
    }
}
