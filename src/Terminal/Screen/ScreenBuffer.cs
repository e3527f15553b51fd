namespace HoodyKit.Terminal.Screen;

/// <summary>
/// One of the two screens (main or alternate), as xterm.js keeps them: its rows, cursor, scroll region, tab stops and
/// saved cursor (DECSC). The cursor column may equal the width: the next character wraps first (pending wrap).
/// </summary>
internal sealed class ScreenBuffer
{
    public ScreenBuffer(int columns, int rows, Attributes fill)
    {
        Rows = new Cell[rows][];
        for (var r = 0; r < rows; r++) Rows[r] = BlankRow(columns, fill);
        Bottom = rows - 1;
        Tabs = DefaultTabs(columns);
    }

    public Cell[][] Rows { get; set; }

    public int X { get; set; }

    public int Y { get; set; }

    public int Top { get; set; }

    public int Bottom { get; set; }

    public bool[] Tabs { get; set; }

    public int SavedX { get; set; }

    /// <summary>The saved row counted from the top of the scrollback, as xterm.js keeps it.</summary>
    public int SavedY { get; set; }

    public Attributes SavedAttributes { get; set; }

    public bool SavedLineDrawing { get; set; }

    public static Cell[] BlankRow(int columns, Attributes fill)
    {
        var row = new Cell[columns];
        Array.Fill(row, Cell.Empty(fill));
        return row;
    }

    public static bool[] DefaultTabs(int columns)
    {
        var tabs = new bool[columns];
        for (var c = 0; c < columns; c += 8) tabs[c] = true;
        return tabs;
    }

    public int NextTab(int x)
    {
        var columns = Tabs.Length;
        while (++x < columns && !Tabs[x])
        {
        }

        return Math.Clamp(x, 0, columns - 1);
    }

    public int PreviousTab(int x)
    {
        while (--x > 0 && !Tabs[x])
        {
        }

        return Math.Clamp(x, 0, Tabs.Length - 1);
    }
}
