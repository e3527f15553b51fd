using System.Globalization;
using System.Net;
using HoodyKit.Core.Native;

namespace HoodyKit.Terminal.SystemInfo;

/// <summary>Listening TCP and bound UDP sockets from <c>/proc/net</c>, with the owning process found through <c>/proc/*/fd</c>.</summary>
internal static class PortTable
{
    public static IReadOnlyList<ListeningPort> List()
    {
        var owners = SocketOwners();
        var rows = new List<ListeningPort>();
        foreach (var (file, protocol, wanted) in new[] { ("tcp", "tcp", "0A"), ("tcp6", "tcp", "0A"), ("udp", "udp", "07"), ("udp6", "udp", "07") })
        {
            var path = $"/proc/net/{file}";
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != wanted) continue;
                var (address, port) = ParseEndpoint(f[1]);
                var inode = long.Parse(f[9], CultureInfo.InvariantCulture);
                owners.TryGetValue(inode, out var pid);
                var stat = pid > 0 ? ProcStat.Read(pid) : null;
                rows.Add(new ListeningPort(protocol, port, address, protocol == "tcp" ? "LISTEN" : "UNCONN",
                    pid > 0 ? pid : null, stat?.Name, UnixUsers.NameOf(f[7])));
            }
        }

        return [.. rows.DistinctBy(r => (r.Protocol, r.Port, r.Address)).OrderBy(r => r.Port).ThenBy(r => r.Protocol, StringComparer.Ordinal)];
    }

    /// <summary>Hex <c>0100007F:1F90</c> (v4) or 32 hex digits (v6), in host byte order per 32-bit word.</summary>
    private static (string Address, int Port) ParseEndpoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var port = int.Parse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var hex = text[..colon];
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return (new IPAddress(bytes).ToString(), port);
    }

    private static Dictionary<long, int> SocketOwners()
    {
        var owners = new Dictionary<long, int>();
        foreach (var pid in ProcStat.AllPids())
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                        owners.TryAdd(inode, pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended, or its descriptors are not ours to read: its sockets stay without an owner
            }
        }

        return owners;
    }
}
