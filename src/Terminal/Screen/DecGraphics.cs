namespace HoodyKit.Terminal.Screen;

/// <summary>The DEC Special Graphics set (<c>ESC ( 0</c>): line drawing for the bytes 0x60–0x7E.</summary>
internal static class DecGraphics
{
    private const string Glyphs = "◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·";

    public static int Map(int c) => c is >= 0x60 and <= 0x7e ? Glyphs[c - 0x60] : c;
}
