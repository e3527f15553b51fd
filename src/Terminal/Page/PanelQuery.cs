using System.Globalization;
using HoodyKit.Terminal.Endpoints;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// Reads the panel parameters. The URL must be absolute <c>http(s)</c> or a path on this origin (<c>/…</c>), so a
/// <c>javascript:</c> or <c>data:</c> URL never reaches the iframe; sizes are whole pixels (<c>px</c> optional) or
/// percentages up to 100. Like the other display options, a value that is not valid falls back to its default, and
/// no valid <c>panel</c> means no panel.
/// </summary>
internal static class PanelQuery
{
    public static readonly string[] Positions = ["right", "left", "top", "bottom"];

    public static PanelView? Read(IQueryCollection query)
    {
        if (Url(QueryArgs.Value(query, "panel")) is not { } url) return null;
        var position = QueryArgs.Value(query, "panel-position")?.Trim().ToLowerInvariant();
        return new PanelView(
            url,
            position is not null && Positions.Contains(position) ? position : PanelView.DefaultPosition,
            Size(QueryArgs.Value(query, "panel-width")) ?? PanelView.DefaultWidth,
            Size(QueryArgs.Value(query, "panel-height")) ?? PanelView.DefaultHeight,
            QueryArgs.OptionalFlag(query, "panel-visible") ?? true,
            QueryArgs.OptionalFlag(query, "panel-resizable") ?? true);
    }

    public static string? Url(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.StartsWith('/')) return text.StartsWith("//", StringComparison.Ordinal) || text.Contains('\\') ? null : text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary><c>400</c>, <c>400px</c> → <c>400px</c>; <c>30%</c> → <c>30%</c>; null when neither (or 0, or over 100 %).</summary>
    public static string? Size(string? raw)
    {
        var text = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text)) return null;
        var percent = text.EndsWith('%');
        var digits = percent ? text[..^1] : text.EndsWith("px", StringComparison.Ordinal) ? text[..^2] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
        if (percent) return value <= 100 ? $"{value}%" : null;
        return value <= 100_000 ? $"{value}px" : null;
    }
}
