using System.Globalization;
using System.Net;

namespace HoodyKit.Daemon.Hosting;

/// <summary>One parsed listen address: a TCP endpoint (<c>127.0.0.1:7700</c>, <c>[::1]:7700</c>, <c>localhost:7700</c>) or a unix socket.</summary>
public sealed record ListenAddress(IPAddress? Address, int Port, string? UnixPath, bool IsLocalhostName = false)
{
    public bool IsUnix => UnixPath is not null;

    /// <summary>Reachable only from this machine: loopback, <c>localhost</c> or a unix socket.</summary>
    public bool IsLocalOnly => IsUnix || IsLocalhostName || (Address is not null && IPAddress.IsLoopback(Address));

    public override string ToString() =>
        IsUnix ? "unix:" + UnixPath : IsLocalhostName ? $"localhost:{Port}" : new IPEndPoint(Address!, Port).ToString();

    /// <summary>Parses one address; returns null and an explanation when it is not valid.</summary>
    public static ListenAddress? TryParse(string text, out string? problem)
    {
        problem = null;
        text = text.Trim();
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text["unix:".Length..];
            if (path.Length > 0 && path[0] == '/') return new ListenAddress(null, 0, path);
            problem = $"'{text}' needs an absolute socket path (unix:/run/hoodykit.sock)";
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            problem = $"'{text}' is not ADDR:PORT (port 0-65535) or unix:/path";
            return null;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return new ListenAddress(IPAddress.Loopback, port, null, IsLocalhostName: true);
        if (host == "*") host = "0.0.0.0";
        if (IPAddress.TryParse(host, out var address)) return new ListenAddress(address, port, null);
        problem = $"'{text}' does not start with an IP address, localhost or *";
        return null;
    }
}
