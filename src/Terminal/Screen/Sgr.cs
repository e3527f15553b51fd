using System.Globalization;
using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>Select Graphic Rendition: applying SGR parameters to attributes as xterm.js does, and writing attributes back as SGR.</summary>
internal static class Sgr
{
    public static Attributes Apply(Attributes a, VtParams p)
    {
        if (p.Count <= 1 && p[0] == 0) return default;
        var (fg, bg, flags) = (a.Foreground, a.Background, a.Flags);
        for (var i = 0; i < p.Count; i++)
        {
            if (p.IsSub(i)) continue;
            var code = p[i];
            switch (code)
            {
                case 0: (fg, bg, flags) = (default, default, CellFlags.None); break;
                case 1: flags |= CellFlags.Bold; break;
                case 2: flags |= CellFlags.Dim; break;
                case 3: flags |= CellFlags.Italic; break;
                case 4: flags = p.IsSub(i + 1) && p[i + 1] == 0 ? flags & ~CellFlags.Underline : flags | CellFlags.Underline; break;
                case 5: flags |= CellFlags.Blink; break;
                case 7: flags |= CellFlags.Inverse; break;
                case 8: flags |= CellFlags.Invisible; break;
                case 9: flags |= CellFlags.Strikethrough; break;
                case 21: flags |= CellFlags.Underline; break; // double underline
                case 22: flags &= ~(CellFlags.Bold | CellFlags.Dim); break;
                case 23: flags &= ~CellFlags.Italic; break;
                case 24: flags &= ~CellFlags.Underline; break;
                case 25: flags &= ~CellFlags.Blink; break;
                case 27: flags &= ~CellFlags.Inverse; break;
                case 28: flags &= ~CellFlags.Invisible; break;
                case 29: flags &= ~CellFlags.Strikethrough; break;
                case >= 30 and <= 37: fg = Colour.Palette16(code - 30); break;
                case 39: fg = default; break;
                case >= 40 and <= 47: bg = Colour.Palette16(code - 40); break;
                case 49: bg = default; break;
                case 53: flags |= CellFlags.Overline; break;
                case 55: flags &= ~CellFlags.Overline; break;
                case >= 90 and <= 97: fg = Colour.Palette16(code - 90 + 8); break;
                case >= 100 and <= 107: bg = Colour.Palette16(code - 100 + 8); break;
                case 38: i += ExtendedColour(p, i, ref fg); break;
                case 48: i += ExtendedColour(p, i, ref bg); break;
                case 58:
                    var underline = default(Colour); // underline colours are not kept
                    i += ExtendedColour(p, i, ref underline);
                    break;
            }
        }

        return new Attributes(fg, bg, flags);
    }

    /// <summary>
    /// Writes <c>ESC [ 0 ; … m</c>, the sequence that selects <paramref name="a"/> from any state, keeping the colour's
    /// own form (30–37/90–97, 38;5;n or 38;2;r;g;b).
    /// </summary>
    public static void Append(StringBuilder text, Attributes a)
    {
        text.Append("\u001b[0");
        ReadOnlySpan<(CellFlags Flag, string Code)> codes =
        [
            (CellFlags.Bold, ";1"), (CellFlags.Dim, ";2"), (CellFlags.Italic, ";3"), (CellFlags.Underline, ";4"),
            (CellFlags.Blink, ";5"), (CellFlags.Inverse, ";7"), (CellFlags.Invisible, ";8"), (CellFlags.Strikethrough, ";9"),
            (CellFlags.Overline, ";53"),
        ];
        foreach (var (flag, code) in codes)
        {
            if (a.Has(flag)) text.Append(code);
        }

        AppendColour(text, a.Foreground, 30);
        AppendColour(text, a.Background, 40);
        text.Append('m');
    }

    private static void AppendColour(StringBuilder text, Colour colour, int baseCode)
    {
        var v = colour.Value;
        switch (colour.Kind)
        {
            case ColourKind.Palette16:
                text.Append(';').Append(v < 8 ? baseCode + v : baseCode + 60 + v - 8);
                break;
            case ColourKind.Palette256:
                text.Append(';').Append(baseCode + 8).Append(";5;").Append(v);
                break;
            case ColourKind.Rgb:
                text.Append(CultureInfo.InvariantCulture, $";{baseCode + 8};2;{v >> 16};{(v >> 8) & 0xFF};{v & 0xFF}");
                break;
        }
    }

    /// <summary>38/48/58 with ;5;n, ;2;r;g;b, or the colon forms (xterm.js reads 38:2:a:b:c as colour space a, then b, c, 0).</summary>
    private static int ExtendedColour(VtParams p, int at, ref Colour colour)
    {
        Span<int> accu = [p[at], 0, -1, 0, 0, 0];
        var space = 0;
        var advance = 0;
        if (p.IsSub(at + 1))
        {
            for (var i = 0; p.IsSub(at + 1 + i) && i + 1 + space < accu.Length; i++)
            {
                if (accu[1] == 5) space = 1;
                accu[i + 1 + space] = p[at + 1 + i];
            }
        }
        else
        {
            do
            {
                if (p.IsSub(at + advance)) break;
                accu[advance + space] = p[at + advance];
                if ((accu[1] == 5 && advance + space >= 2) || (accu[1] == 2 && advance + space >= 5)) break;
                if (accu[1] != 0) space = 1;
            }
            while (++advance + at < p.Count && advance + space < accu.Length);
        }

        for (var i = 2; i < accu.Length; i++)
        {
            if (accu[i] == -1) accu[i] = 0;
        }

        if (accu[1] == 2) colour = Colour.Rgb(accu[3], accu[4], accu[5]);
        else if (accu[1] == 5) colour = Colour.Palette256(accu[3]);
        return advance;
    }
}
