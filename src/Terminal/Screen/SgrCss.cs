using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>A rendition as an inline CSS style, with the colours the terminal page draws (exact 256-colour and 24-bit values).</summary>
internal static class SgrCss
{
    /// <summary>The declarations for <paramref name="a"/>; empty for the default rendition.</summary>
    public static string Style(Attributes a)
    {
        var css = new StringBuilder();
        var (fg, bg) = CellColours.Resolve(a with { Flags = a.Flags & ~CellFlags.Dim }, CellColours.DefaultForeground, CellColours.DefaultBackground);
        if (a.Reverse || !a.Foreground.IsDefault) css.Append("color:").Append(Palette.Css(fg)).Append(';');
        if (a.Reverse || !a.Background.IsDefault) css.Append("background-color:").Append(Palette.Css(bg)).Append(';');
        if (a.Bold) css.Append("font-weight:bold;");
        if (a.Has(CellFlags.Dim)) css.Append("opacity:0.5;");
        if (a.Has(CellFlags.Italic)) css.Append("font-style:italic;");
        var lines = new List<string>(3);
        if (a.Has(CellFlags.Underline)) lines.Add("underline");
        if (a.Has(CellFlags.Strikethrough)) lines.Add("line-through");
        if (a.Has(CellFlags.Overline)) lines.Add("overline");
        if (lines.Count > 0) css.Append("text-decoration:").AppendJoin(' ', lines).Append(';');
        if (a.Has(CellFlags.Invisible)) css.Append("visibility:hidden;");
        return css.ToString();
    }
}
