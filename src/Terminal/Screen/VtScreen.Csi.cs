using System.Globalization;
using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>Control sequences (CSI) and cursor movement, with xterm.js' clamping rules.</summary>
internal sealed partial class VtScreen
{
    public void CsiDispatch(char final, VtParams p, char marker, char intermediate)
    {
        if (marker == '\0' && intermediate == '\0') Csi(final, p);
        else if (intermediate == '\0') CsiPrivate(final, p, marker);
        else if (marker == '\0' && intermediate == '!' && final == 'p') SoftReset();
        _joinWidth = 0;
    }

    private void Csi(char final, VtParams p)
    {
        var b = _active;
        var n = p.Or(0, 1);
        switch (final)
        {
            case '@':
                RestrictCursor();
                InsertCells(b.Rows[b.Y], b.X, n, Cell.Empty(_attributes.Erase));
                break;
            case 'A' or 'F':
                MoveCursor(0, b.Y - b.Top >= 0 ? -Math.Min(b.Y - b.Top, n) : -n);
                if (final == 'F') b.X = 0;
                break;
            case 'B' or 'E':
                MoveCursor(0, b.Bottom - b.Y >= 0 ? Math.Min(b.Bottom - b.Y, n) : n);
                if (final == 'E') b.X = 0;
                break;
            case 'C' or 'a': MoveCursor(n, 0); break;
            case 'D': MoveCursor(-n, 0); break;
            case 'e': MoveCursor(0, n); break;
            case 'G' or '`': SetCursor(n - 1, b.Y); break;
            case 'H' or 'f': SetCursor(p.Count >= 2 ? p.Or(1, 1) - 1 : 0, n - 1); break;
            case 'd': SetCursor(b.X, n - 1); break;
            case 'I':
                for (var i = 0; i < n && b.X < Columns; i++) b.X = b.NextTab(b.X);
                break;
            case 'Z':
                for (var i = 0; i < n && b.X < Columns; i++) b.X = b.PreviousTab(b.X);
                break;
            case 'J': EraseInDisplay(p[0]); break;
            case 'K': EraseInLine(p[0]); break;
            case 'L' or 'M':
                RestrictCursor();
                if (b.Y < b.Top || b.Y > b.Bottom) break;
                if (final == 'L') InsertRows(b.Y, b.Bottom, n, _attributes.Erase);
                else DeleteRows(b.Y, b.Bottom, n, _attributes.Erase);
                b.X = 0;
                break;
            case 'P':
                RestrictCursor();
                DeleteCells(b.Rows[b.Y], b.X, n, Cell.Empty(_attributes.Erase));
                break;
            case 'X':
                RestrictCursor();
                ReplaceCells(b.Rows[b.Y], b.X, b.X + n, Cell.Empty(_attributes.Erase));
                break;
            case 'S': DeleteRows(b.Top, b.Bottom, n, _attributes.Erase); break;
            case 'T': InsertRows(b.Top, b.Bottom, n, default); break;
            case 'b': Repeat(n); break;
            case 'c': if (p[0] == 0) Answer("\x1b[?62;22c"); break;
            case 'g':
                if (p[0] == 0 && b.X < Columns) b.Tabs[b.X] = false;
                else if (p[0] == 3) Array.Clear(b.Tabs);
                break;
            case 'h' or 'l': SetAnsiModes(p, final == 'h'); break;
            case 'm': _attributes = Sgr.Apply(_attributes, p); break;
            case 'n':
                if (p[0] == 5) Answer("\x1b[0n");
                else if (p[0] == 6) Answer(string.Create(CultureInfo.InvariantCulture, $"\x1b[{b.Y + 1};{Math.Min(b.X, Columns - 1) + 1}R"));
                break;
            case 'r': SetScrollRegion(p); break;
            case 's': SaveCursor(); break;
            case 'u': RestoreCursor(); break;
        }
    }

    private void CsiPrivate(char final, VtParams p, char marker)
    {
        switch (marker, final)
        {
            case ('?', 'h' or 'l'): SetPrivateModes(p, final == 'h'); break;
            case ('?', 'J'): EraseInDisplay(p[0]); break;
            case ('?', 'K'): EraseInLine(p[0]); break;
            case ('>', 'c'): Answer("\x1b[>0;276;0c"); break;
        }
    }

    /// <summary>REP: the last printed character again, <paramref name="count"/> times (only right after printing).</summary>
    private void Repeat(int count)
    {
        var b = _active;
        if (_joinWidth == 0 || b.X - _joinWidth < 0) return;
        var code = b.Rows[b.Y][b.X - _joinWidth].Code;
        if (code == 0) return;
        var text = code < 0 ? _graphemes.Text(code) : char.ConvertFromUtf32(code);
        var run = new StringBuilder(text.Length * count);
        for (var i = 0; i < count; i++) run.Append(text);
        Print(run.ToString(), ascii: code is >= 0x20 and < 0x7f);
    }

    private void SetScrollRegion(VtParams p)
    {
        var top = p.Or(0, 1);
        var bottom = p.Count < 2 || p[1] > Rows || p[1] == 0 ? Rows : p[1];
        if (bottom <= top) return;
        _active.Top = top - 1;
        _active.Bottom = bottom - 1;
        SetCursor(0, 0);
    }

    /// <summary>Clamps the cursor to the screen (to the scroll region in origin mode); <paramref name="maxCol"/> may allow the pending-wrap column.</summary>
    private void RestrictCursor(int? maxCol = null)
    {
        var b = _active;
        b.X = Math.Min(maxCol ?? Columns - 1, Math.Max(0, b.X));
        b.Y = OriginMode ? Math.Min(b.Bottom, Math.Max(b.Top, b.Y)) : Math.Min(Rows - 1, Math.Max(0, b.Y));
    }

    private void SetCursor(int x, int y)
    {
        _active.X = x;
        _active.Y = OriginMode ? _active.Top + y : y;
        RestrictCursor();
    }

    private void MoveCursor(int dx, int dy)
    {
        RestrictCursor();
        SetCursor(_active.X + dx, _active.Y + dy);
    }

    private void SaveCursor()
    {
        var b = _active;
        b.SavedX = b.X;
        b.SavedY = LinesAbove + b.Y;
        b.SavedAttributes = _attributes;
        b.SavedLineDrawing = _lineDrawing;
    }

    private void RestoreCursor()
    {
        var b = _active;
        b.X = b.SavedX;
        b.Y = Math.Max(b.SavedY - LinesAbove, 0);
        _attributes = b.SavedAttributes;
        _lineDrawing = b.SavedLineDrawing;
        RestrictCursor();
    }
}
