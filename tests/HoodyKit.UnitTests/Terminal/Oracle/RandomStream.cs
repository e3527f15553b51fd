using System.Text;

namespace HoodyKit.UnitTests.Terminal.Oracle;

/// <summary>
/// A seeded stream of what stresses the printing paths: runs of ASCII of every length (wrapping at the edge), wide
/// and combining characters landing on and next to them, cursor moves into the middle of wide characters, insert
/// mode, auto-wrap off, line drawing, colours, tabs, CR/LF and scrolling.
/// </summary>
internal static class RandomStream
{
    private static readonly string[] Pieces =
    [
        "\r\n", "\r", "\n", "\t", "中", "文字", "🙂", "e\u0301", "\u0301", "é", "\u001b[4h", "\u001b[4l", "\u001b[?7l", "\u001b[?7h",
        "\u001b(0", "\u001b(B", "\u001b[31m", "\u001b[42;1m", "\u001b[0m", "\u001b[38;5;208m", "\u001b[K", "\u001b[2@", "\u001b[3P",
        "\u001b[1;78H", "\u001b[2;79H", "\u001b[5;1H", "\u001b[24;70H", "\u001b[3D", "\u001b[2C", "\u001b[10;20r", "\u001b[r", "\u001bD", "\u001bM",
    ];

    public static byte[] Create(int seed, int length)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            if (random.Next(3) == 0)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
                continue;
            }

            var run = random.Next(4) == 0 ? random.Next(60, 200) : random.Next(1, 12);
            for (var i = 0; i < run; i++) text.Append((char)random.Next(0x20, 0x7f));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
