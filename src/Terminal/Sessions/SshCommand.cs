using System.Globalization;
using HoodyKit.Core.Modules;
using HoodyKit.Core.Native;
using HoodyKit.Terminal.Native;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// The <c>ssh</c> command line for an <see cref="SshTarget"/> (design/terminal.md §3), always an argv:
/// <c>ssh -tt -p PORT -l USER [-i KEY] [-o ProxyCommand=nc -X 5 -x H:P %h %p] HOST</c>. A password reaches ssh
/// through <c>SSH_ASKPASS</c> (a fixed script that prints an environment variable), never through argv or a
/// file; a private key is written 0600, owned by the session's user, in a 0700 folder of that user, and removed
/// with the session. New host keys are accepted on first use and pinned in the user's known_hosts.
/// </summary>
internal static class SshCommand
{
    private const string PasswordVariable = "HOODY_SSH_PASSWORD";

    /// <summary>The argv (without any user switch) and the environment entries the ssh process needs.</summary>
    public static (IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment) Build(int terminalId, SshTarget target, PasswdEntry user)
    {
        var ssh = ToolLocator.Find("ssh") ?? throw new InvalidOperationException("ssh (openssh-client) is not installed");
        List<string> argv = [ssh, "-tt", "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-l", target.User,
            "-o", "StrictHostKeyChecking=accept-new", "-o", "ServerAliveInterval=30"];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (target.PrivateKey is { } key)
        {
            argv.AddRange(["-i", WriteKey(terminalId, key, user), "-o", "IdentitiesOnly=yes"]);
        }

        if (target.Password is { } password)
        {
            environment["SSH_ASKPASS"] = WriteAskPass(user);
            environment["SSH_ASKPASS_REQUIRE"] = "force";
            environment[PasswordVariable] = password;
            argv.AddRange(["-o", "NumberOfPasswordPrompts=1"]);
        }

        if (target.Socks5Host is { } proxy)
        {
            var nc = ToolLocator.Find("nc") ?? throw new InvalidOperationException("nc (netcat-openbsd) is not installed");
            argv.AddRange(["-o", $"ProxyCommand={nc} -X 5 -x {proxy}:{target.Socks5Port.ToString(CultureInfo.InvariantCulture)} %h %p"]);
        }

        argv.Add(target.Host);
        return (argv, environment);
    }

    /// <summary>Removes the private key a session's ssh was given, if any.</summary>
    public static void Forget(int terminalId)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "hoodykit-ssh-*"))
            File.Delete(Path.Combine(folder, KeyName(terminalId)));
    }

    private static string KeyName(int terminalId) => $"key-{terminalId.ToString(CultureInfo.InvariantCulture)}";

    private static string WriteKey(int terminalId, byte[] key, PasswdEntry user)
    {
        var path = Path.Combine(UserFolder(user), KeyName(terminalId));
        File.Delete(path);
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(key);
            if (key.Length > 0 && key[^1] != '\n') file.WriteByte((byte)'\n'); // OpenSSH refuses a PEM without its final newline
        }

        Own(path, user);
        return path;
    }

    private static string WriteAskPass(PasswdEntry user)
    {
        var path = Path.Combine(UserFolder(user), "askpass");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"${PasswordVariable}\"\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Own(path, user);
        }

        return path;
    }

    /// <summary><c>$TMPDIR/hoodykit-ssh-&lt;uid&gt;</c>, 0700, owned by the session's user.</summary>
    private static string UserFolder(PasswdEntry user)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hoodykit-ssh-{user.Uid.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Own(folder, user);
        return folder;
    }

    private static void Own(string path, PasswdEntry user)
    {
        if (user.Uid != UnixUsers.EffectiveUserId && PtyNative.Chown(path, user.Uid, user.Gid) != 0)
            throw new IOException($"cannot hand {path} to user {user.Name}");
    }
}
