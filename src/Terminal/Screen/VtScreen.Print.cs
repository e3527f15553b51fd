namespace HoodyKit.Terminal.Screen;

/// <summary>Printing, C0/C1 controls, ESC sequences and character sets.</summary>
internal sealed partial class VtScreen
{
    private readonly bool[] _lineDrawingSets = new bool[4];
    private int _shiftLevel;
    private bool _lineDrawing;

    /// <summary>
    /// A run of printable characters, as xterm.js' <c>print</c> takes it: a wide character whose right half the run
    /// starts on is cleared once before the run, and a stale right half left after it once at the end (not around
    /// every character: a combining mark after a skipped wide character must not clear its neighbour). Runs of
    /// ASCII are written a row segment at a time.
    /// </summary>
    public void Print(ReadOnlySpan<char> run, bool ascii)
    {
        if (run.IsEmpty) return;
        var b = _active;
        var row = b.Rows[b.Y];
        if (b.X > 0 && b.X <= Columns && row[b.X - 1].Width == 2) row[b.X - 1] = Cell.Empty(_attributes);
        if (ascii && !_lineDrawing && !InsertMode && AutoWrap)
        {
            PrintAscii(run);
        }
        else
        {
            for (var i = 0; i < run.Length; i++)
            {
                int code = run[i];
                if (char.IsHighSurrogate(run[i]) && i + 1 < run.Length && char.IsLowSurrogate(run[i + 1])) code = char.ConvertToUtf32(run[i], run[++i]);
                PrintOne(code);
            }
        }

        row = b.Rows[b.Y];
        if (b.X < Columns && row[b.X].Width == 0 && row[b.X].Code == 0) row[b.X] = Cell.Empty(_attributes);
    }

    /// <summary>One character of a run: xterm.js' <c>print</c> loop body (joining, wrapping, insert mode, wide characters).</summary>
    private void PrintOne(int codePoint)
    {
        if (_lineDrawing && codePoint < 0x7f) codePoint = DecGraphics.Map(codePoint);
        var b = _active;
        var row = b.Rows[b.Y];
        var width = CharWidth.Of(codePoint);
        var joins = width == 0 && _joinWidth != 0;
        var oldWidth = joins ? _joinWidth : 0;
        if (joins) width = oldWidth;
        _joinWidth = width;

        if (b.X + width - oldWidth > Columns)
        {
            if (AutoWrap)
            {
                // a joining character that widens the last one moves it to the next row with it
                var oldRow = row;
                var oldCol = b.X - oldWidth;
                b.X = oldWidth;
                LineFeed();
                row = b.Rows[b.Y];
                if (oldWidth > 0) Array.Copy(oldRow, oldCol, row, 0, oldWidth);
                for (; oldCol < Columns; oldCol++) oldRow[oldCol] = Cell.Empty(_attributes);
            }
            else
            {
                b.X = Columns - 1;
                if (width == 2) return;
            }
        }

        if (joins && b.X > 0)
        {
            var target = b.X - (row[b.X - 1].Width != 0 ? 1 : 2);
            var cell = row[target];
            row[target] = cell with { Code = cell.Code == 0 ? codePoint : _graphemes.Combine(cell.Code, codePoint), Width = (byte)width };
            return;
        }

        if (InsertMode)
        {
            InsertCells(row, b.X, width - oldWidth, Cell.Empty(_attributes));
            if (row[Columns - 1].Width == 2) row[Columns - 1] = Cell.Empty(_attributes);
        }

        if (b.X < Columns) row[b.X] = new Cell(codePoint, (byte)width, _attributes);
        b.X++;
        for (var i = 1; i < width && b.X < Columns; i++) row[b.X++] = new Cell(0, 0, _attributes);
    }

    /// <summary>
    /// <see cref="PrintOne"/> for each character of a run of printable ASCII with auto-wrap on and neither line drawing
    /// nor insert mode: every character is one column wide and joins nothing, so cells are written a row segment at a time.
    /// </summary>
    private void PrintAscii(ReadOnlySpan<char> run)
    {
        var b = _active;
        var row = b.Rows[b.Y];
        var attributes = _attributes;
        var i = 0;
        while (i < run.Length)
        {
            if (b.X >= Columns)
            {
                b.X = 0;
                LineFeed();
                row = b.Rows[b.Y];
            }

            var n = Math.Min(Columns - b.X, run.Length - i);
            var cells = row.AsSpan(b.X, n);
            for (var k = 0; k < cells.Length; k++) cells[k] = new Cell(run[i + k], 1, attributes);
            b.X += n;
            i += n;
        }

        _joinWidth = 1;
    }

    public void Execute(int control)
    {
        var b = _active;
        switch (control)
        {
            case 0x08:
                RestrictCursor();
                if (b.X > 0) b.X--;
                break;
            case 0x09:
                if (b.X < Columns) b.X = b.NextTab(b.X);
                break;
            case 0x0a or 0x0b or 0x0c:
                LineFeed();
                if (b.X >= Columns) b.X--;
                break;
            case 0x0d:
                b.X = 0;
                break;
            case 0x0e:
                SetShiftLevel(1);
                break;
            case 0x0f:
                SetShiftLevel(0);
                break;
            case 0x84:
                Index();
                break;
            case 0x85:
                b.X = 0;
                Index();
                break;
            case 0x88:
                if (b.X < Columns) b.Tabs[b.X] = true;
                break;
        }

        _joinWidth = 0;
    }

    public void EscDispatch(char final, char intermediate)
    {
        _joinWidth = 0;
        switch (intermediate)
        {
            case '\0':
                EscPlain(final);
                return;
            case '(' or ')' or '*' or '+' or '-' or '.' or '/':
                if (final is '0' or 'B' or 'A' or '4' or 'C' or '5' or 'R' or 'f' or 'Q' or '9' or 'K' or 'Y' or 'E' or '6' or 'Z' or 'H' or '7' or '=')
                    Designate(intermediate switch { '(' => 0, ')' or '-' => 1, '*' or '.' => 2, _ => 3 }, final == '0');
                return;
            case '%' when final is '@' or 'G':
                SetShiftLevel(0);
                Designate(0, false);
                return;
            case '#' when final == '8':
                AlignmentPattern();
                return;
        }
    }

    private void EscPlain(char final)
    {
        var b = _active;
        switch (final)
        {
            case '7': SaveCursor(); break;
            case '8': RestoreCursor(); break;
            case 'D': Index(); break;
            case 'E':
                b.X = 0;
                Index();
                break;
            case 'H':
                if (b.X < Columns) b.Tabs[b.X] = true;
                break;
            case 'M': ReverseIndex(); break;
            case '=': ApplicationKeypad = true; break;
            case '>': ApplicationKeypad = false; break;
            case 'c': FullReset(); break;
            case 'n' or '}': SetShiftLevel(2); break;
            case 'o' or '|': SetShiftLevel(3); break;
            case '~': SetShiftLevel(1); break;
        }
    }

    private void SetShiftLevel(int level)
    {
        _shiftLevel = level;
        _lineDrawing = _lineDrawingSets[level];
    }

    private void Designate(int set, bool lineDrawing)
    {
        _lineDrawingSets[set] = lineDrawing;
        if (set == _shiftLevel) _lineDrawing = lineDrawing;
    }

    private void ResetCharsets()
    {
        Array.Clear(_lineDrawingSets);
        _shiftLevel = 0;
        _lineDrawing = false;
    }

    /// <summary>Down one row; at the bottom margin the region scrolls, below it the cursor stays on the last row.</summary>
    private void LineFeed()
    {
        var b = _active;
        b.Y++;
        if (b.Y == b.Bottom + 1)
        {
            b.Y--;
            ScrollRegionUp();
        }
        else if (b.Y >= Rows)
        {
            b.Y = Rows - 1;
        }
    }

    private void Index()
    {
        RestrictCursor();
        LineFeed();
        RestrictCursor();
    }

    private void ReverseIndex()
    {
        RestrictCursor();
        var b = _active;
        if (b.Y == b.Top) InsertRows(b.Top, b.Bottom, 1, _attributes.Erase);
        else
        {
            b.Y--;
            RestrictCursor();
        }
    }

    /// <summary>DECALN: every cell an E in the current rendition, the cursor home.</summary>
    private void AlignmentPattern()
    {
        SetCursor(0, 0);
        var b = _active;
        for (var r = b.Y; r < Rows; r++) Array.Fill(b.Rows[r], new Cell('E', 1, _attributes));
        SetCursor(0, 0);
    }
}
