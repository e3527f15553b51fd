using System.Globalization;
using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>The screen as text: plain rows, rows with SGR colours, reverse-video highlights, and the join replay.</summary>
internal sealed partial class VtScreen
{
    /// <summary>
    /// The screen as bytes that repaint it on a fresh terminal: reset, alternate screen if active, every row at its
    /// place with its colours, the scroll region, the modes programs set, the cursor and the current rendition.
    /// </summary>
    public byte[] Serialize()
    {
        var output = new StringBuilder("\u001bc");
        if (AlternateScreen) output.Append("\x1b[?1049h");
        var rows = _active.Rows;
        for (var r = 0; r < rows.Length; r++)
            output.Append(CultureInfo.InvariantCulture, $"\x1b[{r + 1};1H").Append(ColoredRow(rows[r]));
        if (_active.Top != 0 || _active.Bottom != Rows - 1)
            output.Append(CultureInfo.InvariantCulture, $"\x1b[{_active.Top + 1};{_active.Bottom + 1}r");
        if (ApplicationCursorKeys) output.Append("\x1b[?1h");
        if (ApplicationKeypad) output.Append("\x1b=");
        if (BracketedPaste) output.Append("\x1b[?2004h");
        if (MouseTracking != 0) output.Append(CultureInfo.InvariantCulture, $"\x1b[?{MouseTracking}h");
        if (Utf8Mouse) output.Append("\x1b[?1005h");
        if (UrxvtMouse) output.Append("\x1b[?1015h");
        if (SgrMouse) output.Append("\x1b[?1006h");
        if (!CursorVisible) output.Append("\x1b[?25l");
        var (row, col) = Cursor;
        output.Append(CultureInfo.InvariantCulture, $"\x1b[{row + 1};{col + 1}H");
        if (_attributes != default) Sgr.Append(output, _attributes);
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private IEnumerable<Highlight> Highlights()
    {
        var rows = _active.Rows;
        for (var r = 0; r < rows.Length; r++)
        {
            var start = -1;
            for (var c = 0; c <= Columns; c++)
            {
                var reverse = c < Columns && rows[r][c].Attributes.Reverse;
                if (reverse && start < 0) start = c;
                if (!reverse && start >= 0)
                {
                    yield return new Highlight(r, start, c, true);
                    start = -1;
                }
            }
        }
    }

    /// <summary>A row's text: empty cells read as spaces, the covered halves of wide characters as nothing; trailing spaces trimmed.</summary>
    private string RowText(Cell[] row)
    {
        // xterm.js' trimmed length: up to the last cell with content, plus its width (so a lone zero-width mark there is left out)
        var end = row.Length;
        while (end > 0 && row[end - 1].Code == 0) end--;
        if (end > 0 && row[end - 1].Width == 0) end--;
        while (end > 0 && row[end - 1].Code is 0 or ' ') end--;
        if (end == 0) return "";
        if (PlainText(row.AsSpan(0, end)) is { } plain) return plain;
        // as xterm.js' translateToString: each cell advances by its width, so a wide character hides the next cell
        _text.Clear();
        for (var c = 0; c < end; c += Math.Max((int)row[c].Width, 1))
        {
            var code = row[c].Code;
            if (code is > 0 and < 0xD800) _text.Append((char)code);
            else if (code == 0) _text.Append(' ');
            else _graphemes.Append(_text, code);
        }

        return _text.ToString();
    }

    /// <summary>The cells' text when every one is one column wide and holds one UTF-16 character (one pass); else null.</summary>
    private static string? PlainText(ReadOnlySpan<Cell> cells)
    {
        Span<char> chars = cells.Length <= 512 ? stackalloc char[cells.Length] : new char[cells.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            if (cell.Code is <= 0 or >= 0xD800 || cell.Width != 1) return null;
            chars[c] = (char)cell.Code;
        }

        return new string(chars);
    }

    /// <summary>A row with an SGR sequence before each change of rendition; blanks in the default rendition at the end are trimmed.</summary>
    private string ColoredRow(Cell[] row)
    {
        var end = row.Length;
        while (end > 0 && row[end - 1].Code is 0 or ' ' && row[end - 1].Attributes == default) end--;
        _text.Clear();
        var current = default(Attributes);
        for (var c = 0; c < end; c++)
        {
            var cell = row[c];
            if (cell.Width == 0 && cell.Code == 0) continue;
            if (cell.Attributes != current)
            {
                Sgr.Append(_text, cell.Attributes);
                current = cell.Attributes;
            }

            if (cell.Code == 0) _text.Append(' ');
            else _graphemes.Append(_text, cell.Code);
        }

        if (current != default) _text.Append("\u001b[0m");
        return _text.ToString();
    }
}
