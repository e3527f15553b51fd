using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>The screen model's buffer operations: scrolling, erasing, inserting and deleting, resizing.</summary>
internal sealed partial class VtScreen
{
    /// <summary>Moves rows <paramref name="from"/>..bottom up by <paramref name="count"/>; lines leaving a full-screen main buffer go to the scrollback.</summary>
    private void ScrollUp(int from, int count)
    {
        var buffer = Buffer;
        count = Math.Min(count, _bottom - from + 1);
        for (var i = 0; i < count; i++)
        {
            if (!AlternateScreen && from == 0)
            {
                _scrollback.Add(RowText(buffer[0]));
                if (_scrollback.Count > ScrollbackLines) _scrollback.RemoveAt(0);
            }

            for (var r = from; r < _bottom; r++) buffer[r] = buffer[r + 1];
            buffer[_bottom] = BlankRow(Columns);
        }
    }

    private void ScrollDown(int from, int count)
    {
        var buffer = Buffer;
        count = Math.Min(count, _bottom - from + 1);
        for (var i = 0; i < count; i++)
        {
            for (var r = _bottom; r > from; r--) buffer[r] = buffer[r - 1];
            buffer[from] = BlankRow(Columns);
        }
    }

    private void EraseDisplay(int mode)
    {
        var buffer = Buffer;
        switch (mode)
        {
            case 0:
                Fill(buffer[_y], _x, Columns);
                for (var r = _y + 1; r < Rows; r++) buffer[r] = BlankRow(Columns);
                break;
            case 1:
                for (var r = 0; r < _y; r++) buffer[r] = BlankRow(Columns);
                Fill(buffer[_y], 0, _x + 1);
                break;
            case 2:
                for (var r = 0; r < Rows; r++) buffer[r] = BlankRow(Columns);
                break;
            case 3:
                _scrollback.Clear();
                break;
        }
    }

    private void EraseLine(int mode)
    {
        var row = Buffer[_y];
        switch (mode)
        {
            case 0: Fill(row, _x, Columns); break;
            case 1: Fill(row, 0, _x + 1); break;
            case 2: Fill(row, 0, Columns); break;
        }
    }

    private void DeleteChars(int count)
    {
        var row = Buffer[_y];
        count = Math.Min(count, Columns - _x);
        Array.Copy(row, _x + count, row, _x, Columns - _x - count);
        Fill(row, Columns - count, Columns);
    }

    private void InsertChars(int count)
    {
        var row = Buffer[_y];
        count = Math.Min(count, Columns - _x);
        Array.Copy(row, _x, row, _x + count, Columns - _x - count);
        Fill(row, _x, _x + count);
    }

    private IEnumerable<Highlight> Highlights()
    {
        var buffer = Buffer;
        for (var r = 0; r < buffer.Length; r++)
        {
            var start = -1;
            for (var c = 0; c <= Columns; c++)
            {
                var reverse = c < Columns && buffer[r][c].Attributes.Reverse;
                if (reverse && start < 0) start = c;
                if (!reverse && start >= 0)
                {
                    yield return new Highlight(r, start, c, true);
                    start = -1;
                }
            }
        }
    }

    private static string ColoredRow(Cell[] row)
    {
        var end = row.Length;
        while (end > 0 && row[end - 1].Text == " " && row[end - 1].Attributes == default) end--;
        var text = new StringBuilder();
        var current = default(Attributes);
        for (var c = 0; c < end; c++)
        {
            var a = row[c].Attributes;
            if (a != current)
            {
                text.Append(a.Sgr());
                current = a;
            }

            text.Append(row[c].Text);
        }

        if (current != default) text.Append("\u001b[0m");
        return text.ToString();
    }

    private static void Fill(Cell[] row, int from, int to)
    {
        for (var c = Math.Max(0, from); c < Math.Min(row.Length, to); c++) row[c] = Cell.Blank;
    }

    private static string RowText(Cell[] row)
    {
        var text = new StringBuilder(row.Length);
        foreach (var cell in row) text.Append(cell.Text);
        return text.ToString().TrimEnd(' ');
    }

    private static Cell[] BlankRow(int columns)
    {
        var row = new Cell[columns];
        Array.Fill(row, Cell.Blank);
        return row;
    }

    private static Cell[][] Blank(int rows, int columns) => [.. Enumerable.Range(0, rows).Select(_ => BlankRow(columns))];

    private Cell[][] Reflow(Cell[][] buffer, int columns, int rows, bool keepBottom)
    {
        var source = buffer;
        var skip = keepBottom && _y >= rows ? _y - rows + 1 : 0;
        if (keepBottom)
            for (var r = 0; r < skip; r++) _scrollback.Add(RowText(source[r]));
        var result = new Cell[rows][];
        for (var r = 0; r < rows; r++)
        {
            var row = BlankRow(columns);
            if (r + skip < source.Length) Array.Copy(source[r + skip], row, Math.Min(columns, source[r + skip].Length));
            result[r] = row;
        }

        if (keepBottom) _y -= skip;
        return result;
    }
}
