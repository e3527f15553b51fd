using System.Net;
using System.Text;

namespace HoodyKit.Terminal.Sessions;

/// <summary>Terminal output as HTML: SGR colours and bold/italic/underline become inline-styled spans; other escapes are dropped.</summary>
internal static class AnsiHtml
{
    private static readonly string[] s_palette =
    [
        "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ];

    public static string Convert(string text)
    {
        var html = new StringBuilder("<pre class=\"terminal\">");
        var style = new Style();
        var open = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\x1b' && i + 1 < text.Length && text[i + 1] == '[')
            {
                var end = i + 2;
                while (end < text.Length && (text[end] < '@' || text[end] > '~')) end++;
                if (end < text.Length && text[end] == 'm')
                {
                    style.Apply(text[(i + 2)..end]);
                    if (open) html.Append("</span>");
                    open = style.Css() is { Length: > 0 } css && html.Append("<span style=\"").Append(css).Append("\">") is not null;
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

    private sealed class Style
    {
        private string? _foreground;
        private string? _background;
        private bool _bold;
        private bool _italic;
        private bool _underline;

        public void Apply(string parameters)
        {
            var codes = parameters.Length == 0 ? [0] : parameters.Split(';').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
            for (var k = 0; k < codes.Length; k++)
            {
                var code = codes[k];
                switch (code)
                {
                    case 0: _foreground = _background = null; _bold = _italic = _underline = false; break;
                    case 1: _bold = true; break;
                    case 3: _italic = true; break;
                    case 4: _underline = true; break;
                    case 22: _bold = false; break;
                    case 23: _italic = false; break;
                    case 24: _underline = false; break;
                    case >= 30 and <= 37: _foreground = s_palette[code - 30]; break;
                    case >= 90 and <= 97: _foreground = s_palette[code - 90 + 8]; break;
                    case 39: _foreground = null; break;
                    case >= 40 and <= 47: _background = s_palette[code - 40]; break;
                    case >= 100 and <= 107: _background = s_palette[code - 100 + 8]; break;
                    case 49: _background = null; break;
                    case 38 or 48 when k + 2 < codes.Length && codes[k + 1] == 5:
                        SetExtended(code, codes[k + 2] < 16 ? s_palette[codes[k + 2]] : Cube(codes[k + 2]));
                        k += 2;
                        break;
                    case 38 or 48 when k + 4 < codes.Length && codes[k + 1] == 2:
                        SetExtended(code, $"#{codes[k + 2]:x2}{codes[k + 3]:x2}{codes[k + 4]:x2}");
                        k += 4;
                        break;
                }
            }
        }

        public string Css()
        {
            var css = new StringBuilder();
            if (_foreground is not null) css.Append("color:").Append(_foreground).Append(';');
            if (_background is not null) css.Append("background-color:").Append(_background).Append(';');
            if (_bold) css.Append("font-weight:bold;");
            if (_italic) css.Append("font-style:italic;");
            if (_underline) css.Append("text-decoration:underline;");
            return css.ToString();
        }

        private void SetExtended(int code, string colour)
        {
            if (code == 38) _foreground = colour;
            else _background = colour;
        }

        /// <summary>xterm's 256-colour cube and grey ramp.</summary>
        private static string Cube(int index)
        {
            if (index >= 232)
            {
                var grey = 8 + ((index - 232) * 10);
                return $"#{grey:x2}{grey:x2}{grey:x2}";
            }

            var i = index - 16;
            int Level(int v) => v == 0 ? 0 : 55 + (v * 40);
            return $"#{Level(i / 36):x2}{Level(i / 6 % 6):x2}{Level(i % 6):x2}";
        }
    }
}
