using System.Text;
using System.Globalization;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// The server-side screen model of a session (design/terminal.md §10): what a viewer would see. Cursor
/// motion, erase, insert/delete, scroll regions, the alternate screen, wide characters, modes (application
/// cursor keys, bracketed paste, cursor visibility, autowrap), OSC titles, and a scrollback of the main screen.
/// Terminal queries (DSR, CPR, DA1, DA2) are answered through <see cref="Respond"/>.
/// </summary>
internal sealed partial class VtScreen : IVtHandler
{
    private const int ScrollbackLines = 5000;
    private readonly VtParser _parser;
    private readonly List<string> _scrollback = [];
    private Cell[][] _main;
    private Cell[][] _alternate;
    private int _x;
    private int _y;
    private bool _pendingWrap;
    private int _top;
    private int _bottom;
    private (int X, int Y, Attributes A) _saved;
    private Attributes _attributes;
    private string _last = " ";

    public VtScreen(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        _main = Blank(rows, columns);
        _alternate = Blank(rows, columns);
        _bottom = rows - 1;
        _parser = new VtParser(this);
    }

    /// <summary>Where answers to terminal queries go (the PTY), when the screen model should answer.</summary>
    public Action<string>? Respond { get; set; }

    public int Columns { get; private set; }

    public int Rows { get; private set; }

    public string Title { get; private set; } = "";

    public bool AlternateScreen { get; private set; }

    public bool ApplicationCursorKeys { get; private set; }

    public bool BracketedPaste { get; private set; }

    public bool CursorVisible { get; private set; } = true;

    public bool AutoWrap { get; private set; } = true;

    /// <summary>The mouse tracking the program asked for: 0 (none), 1000 (press/release), 1002 (+ drag), 1003 (all motion).</summary>
    public int MouseTracking { get; private set; }

    /// <summary>SGR mouse encoding (1006) rather than X10's.</summary>
    public bool SgrMouse { get; private set; }

    /// <summary>Bytes fed so far: a change counter for clients polling the screen.</summary>
    public long Sequence { get; private set; }

    private Cell[][] Buffer => AlternateScreen ? _alternate : _main;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        Sequence += bytes.Length;
        _parser.Feed(bytes);
    }

    public ScreenSnapshot Snapshot() =>
        new([.. Buffer.Select(RowText)], _y, _x, CursorVisible, AlternateScreen, Title, Rows, Columns, Sequence,
            [.. Highlights()]);

    /// <summary>
    /// The screen as bytes that repaint it on a fresh terminal: reset, alternate screen if active, every row at
    /// its place, the modes programs set, and the cursor (text without colours).
    /// </summary>
    public byte[] Serialize()
    {
        var output = new StringBuilder("\u001bc");
        if (AlternateScreen) output.Append("\x1b[?1049h");
        var rows = Buffer;
        for (var r = 0; r < rows.Length; r++)
            output.Append(CultureInfo.InvariantCulture, $"\x1b[{r + 1};1H").Append(RowText(rows[r]));
        if (_top != 0 || _bottom != Rows - 1) output.Append(CultureInfo.InvariantCulture, $"\x1b[{_top + 1};{_bottom + 1}r");
        if (ApplicationCursorKeys) output.Append("\x1b[?1h");
        if (BracketedPaste) output.Append("\x1b[?2004h");
        if (!CursorVisible) output.Append("\x1b[?25l");
        output.Append(CultureInfo.InvariantCulture, $"\x1b[{_y + 1};{_x + 1}H");
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>The visible rows with SGR sequences for their colours and attributes (trailing blanks trimmed).</summary>
    public IReadOnlyList<string> ColoredLines() => [.. Buffer.Select(ColoredRow)];

    /// <summary>A copy of the visible cells (text and attributes), for rendering.</summary>
    public Cell[][] Cells() => [.. Buffer.Select(row => (Cell[])row.Clone())];

    /// <summary>The scrollback (oldest first), then the screen.</summary>
    public IReadOnlyList<string> AllLines() => [.. _scrollback, .. Buffer.Select(RowText)];

    public IReadOnlyList<string> Scrollback => _scrollback;

    public void Resize(int columns, int rows)
    {
        if (columns == Columns && rows == Rows) return;
        _main = Reflow(_main, columns, rows, keepBottom: true);
        _alternate = Reflow(_alternate, columns, rows, keepBottom: false);
        if (_y >= rows)
        {
            _y = rows - 1;
        }

        Columns = columns;
        Rows = rows;
        _x = Math.Min(_x, columns - 1);
        _top = 0;
        _bottom = rows - 1;
        _pendingWrap = false;
    }

    public void Print(string grapheme)
    {
        var width = CharWidth.Of(grapheme);
        var row = Buffer[_y];
        if (width == 0)
        {
            var target = _pendingWrap ? _x : Math.Max(0, _x - 1);
            row[target] = row[target] with { Text = row[target].Text + grapheme };
            return;
        }

        if (_pendingWrap && AutoWrap)
        {
            _x = 0;
            Index();
            row = Buffer[_y];
        }

        _pendingWrap = false;
        if (width == 2 && _x == Columns - 1)
        {
            row[_x] = Cell.Blank;
            _x = 0;
            Index();
            row = Buffer[_y];
        }

        row[_x] = new Cell(grapheme, _attributes);
        if (width == 2 && _x + 1 < Columns) row[_x + 1] = new Cell("", _attributes);
        _last = grapheme;
        _x += width;
        if (_x >= Columns)
        {
            _x = Columns - 1;
            _pendingWrap = true;
        }
    }

    public void Execute(char control)
    {
        switch (control)
        {
            case '\b':
                _pendingWrap = false;
                if (_x > 0) _x--;
                break;
            case '\t':
                _x = Math.Min(Columns - 1, ((_x / 8) + 1) * 8);
                break;
            case '\n' or '\v' or '\f':
                _pendingWrap = false;
                Index();
                break;
            case '\r':
                _pendingWrap = false;
                _x = 0;
                break;
        }
    }

    public void EscDispatch(char final, string intermediates)
    {
        if (intermediates.Length > 0) return; // charset designations
        switch (final)
        {
            case '7':
                _saved = (_x, _y, _attributes);
                break;
            case '8':
                (_x, _y, _attributes) = _saved;
                _pendingWrap = false;
                break;
            case 'D':
                Index();
                break;
            case 'E':
                _x = 0;
                Index();
                break;
            case 'M':
                ReverseIndex();
                break;
            case 'c':
                Reset();
                break;
        }
    }

    public void CsiDispatch(char final, IReadOnlyList<int> p, char? marker, string intermediates)
    {
        int Arg(int i, int fallback) => i < p.Count && p[i] > 0 ? p[i] : fallback;
        if (marker is '?' && final is 'h' or 'l')
        {
            foreach (var mode in p) SetPrivateMode(mode, final == 'h');
            return;
        }

        if (marker is '>' && final == 'c')
        {
            Answer("\x1b[>0;276;0c");
            return;
        }

        if (marker is not null || intermediates.Length > 0) return;
        if (final is not ('m' or 'n' or 'c' or 't')) _pendingWrap = false;
        switch (final)
        {
            case 'A': _y = Math.Max(_y < _top ? 0 : _top, _y - Arg(0, 1)); break;
            case 'B': _y = Math.Min(_y > _bottom ? Rows - 1 : _bottom, _y + Arg(0, 1)); break;
            case 'C': _x = Math.Min(Columns - 1, _x + Arg(0, 1)); break;
            case 'D': _x = Math.Max(0, _x - Arg(0, 1)); break;
            case 'E': _x = 0; _y = Math.Min(Rows - 1, _y + Arg(0, 1)); break;
            case 'F': _x = 0; _y = Math.Max(0, _y - Arg(0, 1)); break;
            case 'G' or '`': _x = Math.Clamp(Arg(0, 1) - 1, 0, Columns - 1); break;
            case 'H' or 'f':
                _y = Math.Clamp(Arg(0, 1) - 1, 0, Rows - 1);
                _x = Math.Clamp(Arg(1, 1) - 1, 0, Columns - 1);
                break;
            case 'd': _y = Math.Clamp(Arg(0, 1) - 1, 0, Rows - 1); break;
            case 'J': EraseDisplay(p.Count > 0 ? Math.Max(0, p[0]) : 0); break;
            case 'K': EraseLine(p.Count > 0 ? Math.Max(0, p[0]) : 0); break;
            case 'L': if (_y >= _top && _y <= _bottom) ScrollDown(_y, Arg(0, 1)); break;
            case 'M': if (_y >= _top && _y <= _bottom) ScrollUp(_y, Arg(0, 1)); break;
            case 'P': DeleteChars(Arg(0, 1)); break;
            case '@': InsertChars(Arg(0, 1)); break;
            case 'X': Fill(Buffer[_y], _x, Math.Min(Columns, _x + Arg(0, 1))); break;
            case 'S': ScrollUp(_top, Arg(0, 1)); break;
            case 'T': ScrollDown(_top, Arg(0, 1)); break;
            case 'b': for (var i = 0; i < Arg(0, 1); i++) Print(_last); break;
            case 'r':
                var top = Arg(0, 1) - 1;
                var bottom = Arg(1, Rows) - 1;
                if (top < bottom && bottom < Rows)
                {
                    (_top, _bottom) = (top, bottom);
                    (_x, _y) = (0, 0);
                }

                break;
            case 's': _saved = (_x, _y, _attributes); break;
            case 'u': (_x, _y, _attributes) = _saved; break;
            case 'm': _attributes = _attributes.Apply(p); break;
            case 'n':
                if (Arg(0, 0) == 5) Answer("\x1b[0n");
                else if (Arg(0, 0) == 6) Answer(string.Create(CultureInfo.InvariantCulture, $"\x1b[{_y + 1};{_x + 1}R"));
                break;
            case 'c': if (Arg(0, 0) == 0) Answer("\x1b[?62;22c"); break;
        }
    }

    public void OscDispatch(string payload)
    {
        var semicolon = payload.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0) return;
        if (payload[..semicolon] is "0" or "2") Title = payload[(semicolon + 1)..];
    }

    private void Answer(string reply) => Respond?.Invoke(reply);

    private void SetPrivateMode(int mode, bool on)
    {
        switch (mode)
        {
            case 1: ApplicationCursorKeys = on; break;
            case 7: AutoWrap = on; break;
            case 25: CursorVisible = on; break;
            case 2004: BracketedPaste = on; break;
            case 1000 or 1002 or 1003: MouseTracking = on ? mode : 0; break;
            case 1006: SgrMouse = on; break;
            case 47 or 1047 or 1049:
                if (on == AlternateScreen) return;
                if (mode == 1049 && on) _saved = (_x, _y, _attributes);
                AlternateScreen = on;
                if (on) _alternate = Blank(Rows, Columns);
                if (mode == 1049 && !on) (_x, _y, _attributes) = _saved;
                break;
        }
    }

    private void Index()
    {
        if (_y == _bottom) ScrollUp(_top, 1);
        else if (_y < Rows - 1) _y++;
    }

    private void ReverseIndex()
    {
        if (_y == _top) ScrollDown(_top, 1);
        else if (_y > 0) _y--;
    }

    private void Reset()
    {
        _main = Blank(Rows, Columns);
        _alternate = Blank(Rows, Columns);
        _scrollback.Clear();
        (_x, _y, _top, _bottom) = (0, 0, 0, Rows - 1);
        _attributes = default;
        AlternateScreen = ApplicationCursorKeys = BracketedPaste = _pendingWrap = SgrMouse = false;
        MouseTracking = 0;
        CursorVisible = AutoWrap = true;
    }
}
