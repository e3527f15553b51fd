using System.Globalization;

namespace HoodyKit.Terminal.Sessions;

/// <summary>An SSH destination for a session (the PTY runs <c>ssh</c> instead of a shell), validated.</summary>
internal sealed record SshTarget(string Host, string User, int Port, string? Password, byte[]? PrivateKey, string? Socks5Host, int Socks5Port)
{
    /// <summary>Builds a target from request fields; null with a problem (a 400 for the caller) when a field is unusable.</summary>
    public static (SshTarget? Target, string? Problem) From(string host, string? user, string? port, string? password, string? keyBase64,
        string? socks5Host, string? socks5Port, string? socks5User)
    {
        if (!IsArgument(host)) return (null, "ssh_host must be a host name or address");
        if (string.IsNullOrEmpty(user)) return (null, "ssh_user is required with ssh_host");
        if (!IsArgument(user)) return (null, "ssh_user is not a valid user name");
        if (ParsePort(port, 22) is not { } sshPort) return (null, "ssh_port must be a port between 1 and 65535");
        byte[]? key = null;
        if (!string.IsNullOrEmpty(keyBase64))
        {
            try
            {
                key = Convert.FromBase64String(keyBase64);
            }
            catch (FormatException)
            {
                return (null, "ssh_key must be a base64-encoded private key");
            }
        }

        if (socks5Host is not null && !IsArgument(socks5Host)) return (null, "socks5_host must be a host name or address");
        if (ParsePort(socks5Port, 1080) is not { } proxyPort) return (null, "socks5_port must be a port between 1 and 65535");
        if (!string.IsNullOrEmpty(socks5User)) return (null, "SOCKS5 proxy authentication is not supported (socks5_user/socks5_pass)");
        return (new SshTarget(host, user, sshPort, string.IsNullOrEmpty(password) ? null : password, key, socks5Host, proxyPort), null);
    }

    /// <summary>Never starts with '-' (no option injection into ssh or nc), no spaces, quotes or control characters.</summary>
    private static bool IsArgument(string value) =>
        value.Length is > 0 and <= 255 && value[0] != '-' && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or '%' or '\\');

    private static int? ParsePort(string? text, int fallback)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;
    }
}
