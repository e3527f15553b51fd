namespace HoodyKit.Terminal.Screen;

/// <summary>The screen model's buffer operations: scrolling, erasing, inserting and deleting cells and rows.</summary>
internal sealed partial class VtScreen
{
    private Cell[][] _spareRows = [];

    /// <summary>
    /// Index at the bottom margin: with the region at the top of the main screen the top row goes to the scrollback;
    /// the new row at the bottom margin is blank in the current background colour.
    /// </summary>
    private void ScrollRegionUp()
    {
        var b = _active;
        if (b.Top == 0 && !AlternateScreen) AddScrollback(b.Rows[0]);
        DeleteRows(b.Top, b.Bottom, 1, _attributes.Erase);
    }

    /// <summary>Removes <paramref name="count"/> rows at <paramref name="at"/>; blank rows come in at <paramref name="bottom"/>.</summary>
    private void DeleteRows(int at, int bottom, int count, Attributes fill)
    {
        var rows = _active.Rows;
        count = Math.Min(count, bottom - at + 1);
        var recycled = Spare(count);
        Array.Copy(rows, at, recycled, 0, count);
        Array.Copy(rows, at + count, rows, at, bottom - at + 1 - count);
        for (var i = 0; i < count; i++)
        {
            Array.Fill(recycled[i], Cell.Empty(fill));
            rows[bottom - count + 1 + i] = recycled[i];
        }
    }

    /// <summary>Inserts <paramref name="count"/> blank rows at <paramref name="at"/>; rows pushed past <paramref name="bottom"/> are lost.</summary>
    private void InsertRows(int at, int bottom, int count, Attributes fill)
    {
        var rows = _active.Rows;
        count = Math.Min(count, bottom - at + 1);
        var recycled = Spare(count);
        Array.Copy(rows, bottom - count + 1, recycled, 0, count);
        Array.Copy(rows, at, rows, at + count, bottom - at + 1 - count);
        for (var i = 0; i < count; i++)
        {
            Array.Fill(recycled[i], Cell.Empty(fill));
            rows[at + i] = recycled[i];
        }
    }

    /// <summary>Room for <paramref name="count"/> row references while rows move (no allocation per scrolled line).</summary>
    private Cell[][] Spare(int count)
    {
        if (_spareRows.Length < count) _spareRows = new Cell[Math.Max(count, Rows)][];
        return _spareRows;
    }

    private void EraseInDisplay(int mode)
    {
        RestrictCursor(Columns);
        var b = _active;
        var fill = Cell.Empty(_attributes.Erase);
        switch (mode)
        {
            case 0:
                ReplaceCells(b.Rows[b.Y], b.X, Columns, fill);
                for (var r = b.Y + 1; r < Rows; r++) Array.Fill(b.Rows[r], fill);
                break;
            case 1:
                ReplaceCells(b.Rows[b.Y], 0, b.X + 1, fill);
                for (var r = 0; r < b.Y; r++) Array.Fill(b.Rows[r], fill);
                break;
            case 2:
                for (var r = 0; r < Rows; r++) Array.Fill(b.Rows[r], fill);
                break;
            case 3:
                if (!AlternateScreen) _scrollback.Clear();
                break;
        }
    }

    private void EraseInLine(int mode)
    {
        RestrictCursor(Columns);
        var b = _active;
        var fill = Cell.Empty(_attributes.Erase);
        switch (mode)
        {
            case 0: ReplaceCells(b.Rows[b.Y], b.X, Columns, fill); break;
            case 1: ReplaceCells(b.Rows[b.Y], 0, b.X + 1, fill); break;
            case 2: ReplaceCells(b.Rows[b.Y], 0, Columns, fill); break;
        }
    }

    /// <summary>Fills [start, end) with <paramref name="fill"/>; a wide character cut at either edge becomes empty too.</summary>
    private static void ReplaceCells(Cell[] row, int start, int end, Cell fill)
    {
        end = Math.Min(end, row.Length);
        if (start > 0 && start <= row.Length && row[start - 1].Width == 2) row[start - 1] = fill;
        if (end < row.Length && end > 0 && row[end - 1].Width == 2) row[end] = fill;
        for (var c = Math.Max(0, start); c < end; c++) row[c] = fill;
    }

    private static void InsertCells(Cell[] row, int at, int count, Cell fill)
    {
        var length = row.Length;
        at %= length;
        if (at > 0 && row[at - 1].Width == 2) row[at - 1] = fill;
        if (count < length - at)
        {
            Array.Copy(row, at, row, at + count, length - at - count);
            Array.Fill(row, fill, at, count);
        }
        else
        {
            Array.Fill(row, fill, at, length - at);
        }

        if (row[length - 1].Width == 2) row[length - 1] = fill;
    }

    private static void DeleteCells(Cell[] row, int at, int count, Cell fill)
    {
        var length = row.Length;
        at %= length;
        if (count < length - at)
        {
            Array.Copy(row, at + count, row, at, length - at - count);
            Array.Fill(row, fill, length - count, count);
        }
        else
        {
            Array.Fill(row, fill, at, length - at);
        }

        if (at > 0 && row[at - 1].Width == 2) row[at - 1] = fill;
        if (row[at].Width == 0 && row[at].Code == 0) row[at] = fill;
    }
}
