using System.Globalization;

namespace HoodyKit.Core.Routing;

/// <summary>
/// The service a request's Host names (ARCHITECTURE §3): the first label is <c>&lt;service&gt;</c>,
/// <c>&lt;service&gt;-&lt;index&gt;</c> or <c>…-&lt;service&gt;-&lt;index&gt;</c>. Index 0 means "no particular instance".
/// </summary>
public sealed record ServiceHost(string Service, int? Index)
{
    /// <summary>Parses a Host header value; null when its first label names no candidate service.</summary>
    public static ServiceHost? Parse(string? host, Func<string, bool> isService)
    {
        ArgumentNullException.ThrowIfNull(isService);
        if (string.IsNullOrEmpty(host) || host[0] == '[') return null;
        var label = host.AsSpan();
        var cut = label.IndexOfAny('.', ':');
        if (cut >= 0) label = label[..cut];
        if (label.IsEmpty) return null;
        var text = label.ToString().ToLowerInvariant();
        if (isService(text)) return new ServiceHost(text, null);

        var lastDash = text.LastIndexOf('-');
        if (lastDash <= 0 || !int.TryParse(text.AsSpan(lastDash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return null;
        var head = text[..lastDash];
        var service = head[(head.LastIndexOf('-') + 1)..];
        return isService(service) ? new ServiceHost(service, index) : null;
    }
}
