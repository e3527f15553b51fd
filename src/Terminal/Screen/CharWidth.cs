namespace HoodyKit.Terminal.Screen;

/// <summary>
/// Column widths as xterm.js (Unicode 6, the terminal page's table) gives them: 0 for combining marks, which join
/// the character before them, 2 for East Asian wide and fullwidth characters, else 1. Emoji take one cell there.
/// </summary>
internal static class CharWidth
{
    private static readonly byte[] s_bmp = BuildBmp();

    public static int Of(int codePoint)
    {
        if (codePoint < 0x300) return codePoint < 0x20 || codePoint is >= 0x7f and < 0xa0 ? 0 : 1;
        if (codePoint < 0x10000) return s_bmp[codePoint];
        if (InRanges(CharWidthTable.Zero, codePoint)) return 0;
        return InRanges(CharWidthTable.Wide, codePoint) ? 2 : 1;
    }

    private static byte[] BuildBmp()
    {
        var table = new byte[0x10000];
        Array.Fill(table, (byte)1);
        Fill(table, CharWidthTable.Wide, 2);
        Fill(table, CharWidthTable.Zero, 0);
        return table;
    }

    private static void Fill(byte[] table, ReadOnlySpan<int> ranges, byte width)
    {
        for (var i = 0; i < ranges.Length; i += 2)
        {
            for (var c = ranges[i]; c <= ranges[i + 1] && c < table.Length; c++) table[c] = width;
        }
    }

    private static bool InRanges(ReadOnlySpan<int> ranges, int codePoint)
    {
        int low = 0, high = (ranges.Length / 2) - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (codePoint < ranges[mid * 2]) high = mid - 1;
            else if (codePoint > ranges[(mid * 2) + 1]) low = mid + 1;
            else return true;
        }

        return false;
    }
}
