namespace HoodyKit.Pipe.Engine;

/// <summary>
/// Pipe keys: the request path after <c>/api/v1/pipe</c> (or after the root on a pipe Host), fully percent-decoded
/// so <c>a%2Fb</c> and <c>a/b</c> name the same pipe; always starts with <c>/</c>.
/// </summary>
internal static class PipeKey
{
    public const int MaxLength = 1024;

    /// <summary>Paths with content of their own; nothing can be sent to them.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "/", "/help", "/noscript", "/favicon.ico", "/robots.txt", "/version", "/health", "/metrics", "/openapi.json", "/openapi.yaml",
    };

    /// <summary>The key of a raw request target (<c>/api/v1/pipe/a%2Fb?n=2</c> → <c>/a/b</c>).</summary>
    public static string FromTarget(string rawTarget, string prefix)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(prefix);
        var path = rawTarget.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0) path = path[..query];
        if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/'))
            path = path[prefix.Length..];
        var key = Uri.UnescapeDataString(path.ToString());
        return key.Length == 0 || key[0] != '/' ? "/" + key : key;
    }

    public static bool IsReserved(string key) => s_reserved.Contains(key);

    /// <summary>The key without its leading slash is longer than <see cref="MaxLength"/>.</summary>
    public static bool IsTooLong(string key) => key.Length - 1 > MaxLength;

    /// <summary>Control characters and backslashes would reach headers and logs: refused.</summary>
    public static bool HasForbiddenCharacters(string key)
    {
        foreach (var c in key)
            if (char.IsControl(c) || c == '\\') return true;
        return false;
    }

    /// <summary>The last segment of the key (the default download name).</summary>
    public static string BaseName(string key)
    {
        var trimmed = key.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
