using System.Net;
using System.Text;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// Terminal output as HTML: SGR renditions (16, 256 and 24-bit colours exactly, in the ';' and ':' forms, bold, dim,
/// italic, underline, inverse, invisible, strikethrough, overline) become inline-styled spans, read by the screen
/// model's own SGR rules; other escapes are dropped.
/// </summary>
internal static class AnsiHtml
{
    public static string Convert(string text)
    {
        var html = new StringBuilder("<pre class=\"terminal\">");
        var parameters = new VtParams();
        var attributes = default(Attributes);
        var open = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\x1b' && i + 1 < text.Length && text[i + 1] == '[')
            {
                var end = i + 2;
                while (end < text.Length && (text[end] < '@' || text[end] > '~')) end++;
                if (end < text.Length && text[end] == 'm' && IsSgr(text.AsSpan(i + 2, end - i - 2)))
                {
                    attributes = Sgr.Apply(attributes, VtParams.Parse(text.AsSpan(i + 2, end - i - 2), parameters));
                    if (open) html.Append("</span>");
                    var css = SgrCss.Style(attributes);
                    open = css.Length > 0;
                    if (open) html.Append("<span style=\"").Append(css).Append("\">");
                }

                i = Math.Min(end, text.Length - 1);
                continue;
            }

            if (c == '\x1b')
            {
                if (i + 1 < text.Length) i = Commands.TerminalText.SkipEscape(text, i);
                continue;
            }

            if (c == '\r' || (c < ' ' && c != '\n' && c != '\t')) continue;
            html.Append(WebUtility.HtmlEncode(c.ToString()));
        }

        if (open) html.Append("</span>");
        return html.Append("</pre>").ToString();
    }

    /// <summary>Plain SGR: digits, ';' and ':' only (not <c>CSI &gt; 4 m</c> and such).</summary>
    private static bool IsSgr(ReadOnlySpan<char> parameters)
    {
        foreach (var c in parameters)
        {
            if (c is not ((>= '0' and <= '9') or ';' or ':')) return false;
        }

        return true;
    }
}
