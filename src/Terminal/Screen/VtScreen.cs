using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// The server-side screen model of a session (design/terminal.md §10): what the terminal page (xterm.js) shows for the
/// same bytes, cell for cell, checked against @xterm/headless by the oracle tests. Cursor motion, erase with the
/// background colour, insert/delete, scroll regions, origin mode, tab stops, the alternate screens, wide and combining
/// characters, the DEC line-drawing set, 16/256/24-bit colours and every SGR rendition, modes, titles, and a
/// scrollback of the main screen. Terminal queries (DSR, CPR, DA1, DA2) are answered through <see cref="Respond"/>.
/// Not thread-safe: the session serialises access.
/// </summary>
internal sealed partial class VtScreen : IVtHandler
{
    private const int ScrollbackLines = 5000;
    private readonly VtParser _parser;
    private readonly ScrollbackRing _scrollback = new(ScrollbackLines);
    private readonly StringBuilder _text = new();
    private GraphemeTable _graphemes = new();
    private ScreenBuffer _normal;
    private ScreenBuffer _alternate;
    private ScreenBuffer _active;
    private Attributes _attributes;

    /// <summary>Width of the character printed last, while nothing but printing followed it (combining marks join it; REP repeats it).</summary>
    private int _joinWidth;

    public VtScreen(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        _normal = new ScreenBuffer(columns, rows, default);
        _alternate = new ScreenBuffer(columns, rows, default);
        _active = _normal;
        _parser = new VtParser(this);
    }

    /// <summary>Where answers to terminal queries go (the PTY), when the screen model should answer.</summary>
    public Action<string>? Respond { get; set; }

    public int Columns { get; private set; }

    public int Rows { get; private set; }

    public string Title { get; private set; } = "";

    public bool AlternateScreen => _active == _alternate;

    public bool ApplicationCursorKeys { get; private set; }

    public bool ApplicationKeypad { get; private set; }

    public bool BracketedPaste { get; private set; }

    public bool CursorVisible { get; private set; } = true;

    public bool AutoWrap { get; private set; } = true;

    public bool OriginMode { get; private set; }

    public bool InsertMode { get; private set; }

    /// <summary>The mouse tracking the program asked for: 0 (none), 9 (X10), 1000 (press/release), 1002 (+ drag), 1003 (all motion).</summary>
    public int MouseTracking { get; private set; }

    /// <summary>SGR mouse encoding (1006) rather than X10's.</summary>
    public bool SgrMouse { get; private set; }

    /// <summary>urxvt's decimal mouse encoding (1015).</summary>
    public bool UrxvtMouse { get; private set; }

    /// <summary>UTF-8 mouse coordinates (1005).</summary>
    public bool Utf8Mouse { get; private set; }

    /// <summary>The encoding mouse reports use, as xterm ranks the modes that are on: 1006, then 1015, then 1005, else X10.</summary>
    public MouseEncoding MouseEncoding =>
        SgrMouse ? MouseEncoding.Sgr : UrxvtMouse ? MouseEncoding.Urxvt : Utf8Mouse ? MouseEncoding.Utf8 : MouseEncoding.X10;

    /// <summary>Bytes fed so far: a change counter for clients polling the screen.</summary>
    public long Sequence { get; private set; }

    /// <summary>The cursor: row, and column (the last one while a wrap is pending).</summary>
    public (int Row, int Col) Cursor => (_active.Y, Math.Min(_active.X, Columns - 1));

    /// <summary>The next printed character goes to the next line first (the cursor stands past the last column).</summary>
    public bool PendingWrap => _active.X >= Columns;

    /// <summary>The current SGR rendition.</summary>
    public Attributes CurrentAttributes => _attributes;

    public IReadOnlyList<string> Scrollback => _scrollback;

    /// <summary>Lines above the screen (xterm.js' ybase): the main screen's scrollback, none on the alternate screen.</summary>
    private int LinesAbove => AlternateScreen ? 0 : _scrollback.Count;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        Sequence += bytes.Length;
        _parser.Feed(bytes);
    }

    public ScreenSnapshot Snapshot()
    {
        var lines = new string[Rows];
        for (var r = 0; r < Rows; r++) lines[r] = RowText(_active.Rows[r]);
        var (row, col) = Cursor;
        return new ScreenSnapshot(lines, row, col, CursorVisible, AlternateScreen, Title, Rows, Columns, Sequence, [.. Highlights()]);
    }

    /// <summary>The visible rows with SGR sequences for their colours and attributes (trailing default blanks trimmed).</summary>
    public IReadOnlyList<string> ColoredLines() => [.. _active.Rows.Select(ColoredRow)];

    /// <summary>The visible cells, resolved (text, width, attributes): for screenshots and the oracle test.</summary>
    public CellView[][] View() =>
        [.. _active.Rows.Select(row => row.Select(cell => new CellView(_graphemes.Text(cell.Code), cell.Width, cell.Attributes)).ToArray())];

    /// <summary>The scrollback (oldest first), then the screen.</summary>
    public IReadOnlyList<string> AllLines() => [.. _scrollback, .. _active.Rows.Select(RowText)];

    public void Resize(int columns, int rows)
    {
        if (columns == Columns && rows == Rows) return;
        ResizeBuffer(_normal, columns, rows, keepBottom: true);
        ResizeBuffer(_alternate, columns, rows, keepBottom: false);
        Columns = columns;
        Rows = rows;
    }

    private void Answer(string reply) => Respond?.Invoke(reply);

    private void AddScrollback(Cell[] row)
    {
        _scrollback.Add(RowText(row));
    }

    private void ResizeBuffer(ScreenBuffer b, int columns, int rows, bool keepBottom)
    {
        var skip = keepBottom && b.Y >= rows ? b.Y - rows + 1 : 0;
        for (var r = 0; r < skip; r++) AddScrollback(b.Rows[r]);
        var result = new Cell[rows][];
        for (var r = 0; r < rows; r++)
        {
            var row = ScreenBuffer.BlankRow(columns, default);
            if (r + skip < b.Rows.Length) Array.Copy(b.Rows[r + skip], row, Math.Min(columns, b.Rows[r + skip].Length));
            result[r] = row;
        }

        b.Rows = result;
        b.Y = Math.Clamp(b.Y - skip, 0, rows - 1);
        b.X = Math.Min(b.X, columns - 1);
        b.Top = 0;
        b.Bottom = rows - 1;
        b.Tabs = ScreenBuffer.DefaultTabs(columns);
    }
}
