using System.Globalization;
using System.Text.RegularExpressions;
using HoodyKit.Terminal.Endpoints;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// The page's display parameters (guide-web-interface.md): <c>title</c>, <c>fontSize</c>, <c>backgroundColor</c>,
/// <c>readonly</c>, <c>hide-toolbar</c>, <c>welcome</c>, and the panel (<see cref="PanelQuery"/>). A value that is not valid is dropped, so the page opens
/// with its default rather than failing over a cosmetic option.
/// </summary>
internal static partial class PageQuery
{
    public const int MaxTitleLength = 200;
    public const int MinFontSize = 8;
    public const int MaxFontSize = 72;

    public static PageView Read(IQueryCollection query) => new()
    {
        Title = Title(QueryArgs.Value(query, "title")),
        FontSize = FontSize(QueryArgs.Value(query, "fontSize")),
        BackgroundColor = BackgroundColor(QueryArgs.Value(query, "backgroundColor")),
        ReadOnly = QueryArgs.Flag(query, "readonly"),
        HideToolbar = QueryArgs.Flag(query, "hide-toolbar"),
        Welcome = QueryArgs.Flag(query, "welcome"),
        Panel = PanelQuery.Read(query),
    };

    /// <summary>Tags removed, whitespace collapsed, at most 200 characters; null when nothing is left. Not yet HTML-escaped.</summary>
    public static string? Title(string? raw)
    {
        if (raw is null) return null;
        var text = Whitespace().Replace(Tag().Replace(raw, ""), " ").Trim();
        if (text.Length > MaxTitleLength)
            text = text[..(char.IsHighSurrogate(text[MaxTitleLength - 1]) ? MaxTitleLength - 1 : MaxTitleLength)].TrimEnd();
        return text.Length == 0 ? null : text;
    }

    /// <summary>An integer number of pixels, with or without <c>px</c>; clamped to 8–72; null when not a number.</summary>
    public static int? FontSize(string? raw)
    {
        if (raw is null) return null;
        var text = raw.Trim();
        if (text.EndsWith("px", StringComparison.OrdinalIgnoreCase)) text = text[..^2].TrimEnd();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? Math.Clamp(size, MinFontSize, MaxFontSize)
            : null;
    }

    /// <summary>
    /// <c>#RGB</c>, <c>#RRGGBB</c>, <c>#RRGGBBAA</c> (the <c>#</c> may be left out, since an unescaped one starts the
    /// URL's fragment) or a CSS colour name, lower-cased; null when it is neither.
    /// </summary>
    public static string? BackgroundColor(string? raw)
    {
        if (raw is null) return null;
        var text = raw.Trim().ToLowerInvariant();
        if (CssColors.Names.Contains(text)) return text;
        var hex = text.StartsWith('#') ? text[1..] : text;
        return hex.Length is 3 or 6 or 8 && hex.All(char.IsAsciiHexDigit) ? "#" + hex : null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
