namespace HoodyKit.Terminal.Screen;

/// <summary>xterm.js' default 256-colour palette (the terminal page's): 16 ANSI colours, the 6×6×6 cube, 24 greys.</summary>
internal static class Palette
{
    private static readonly uint[] s_ansi =
    [
        0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
        0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
    ];

    private static readonly uint[] s_colours = Build();

    /// <summary>0xRRGGBB of palette entry <paramref name="index"/> (0–255).</summary>
    public static uint Rgb(int index) => s_colours[index & 0xFF];

    /// <summary>CSS hex (<c>#rrggbb</c>) of a 0xRRGGBB value.</summary>
    public static string Css(uint rgb) => $"#{rgb:x6}";

    private static uint[] Build()
    {
        var colours = new uint[256];
        s_ansi.CopyTo(colours, 0);
        ReadOnlySpan<uint> levels = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
        for (var i = 0; i < 216; i++)
            colours[16 + i] = (levels[i / 36] << 16) | (levels[i / 6 % 6] << 8) | levels[i % 6];
        for (var i = 0; i < 24; i++)
        {
            var grey = (uint)(8 + (i * 10));
            colours[232 + i] = (grey << 16) | (grey << 8) | grey;
        }

        return colours;
    }
}
