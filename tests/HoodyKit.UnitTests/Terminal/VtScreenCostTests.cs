using System.Diagnostics;
using System.Text;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.UnitTests.Terminal;

/// <summary>The emulator is on the path of every PTY byte: feeding it allocates nothing per byte.</summary>
public sealed class VtScreenCostTests
{
    [Test]
    public void Feeding_a_full_screen_of_colours_wide_and_combining_text_allocates_nothing()
    {
        var text = new StringBuilder();
        for (var r = 1; r <= 24; r++)
        {
            text.Append($"\x1b[{r};1H\x1b[38;5;{r * 9}m\x1b[48;2;{r};{r * 2};{r * 3}mrow {r} 漢字 e\u0301 \x1b[1;4mbold\x1b[0m")
                .Append("\x1b(0qqq\x1b(B\x1b[K\x1b[3@\x1b[2P\x1b[5X\t|\x1b[?25l\x1b[?25h\r\n");
        }

        var chunk = Encoding.UTF8.GetBytes(text.ToString());
        var screen = new VtScreen(80, 30);
        screen.Feed(chunk);
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++) screen.Feed(chunk);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"{200L * chunk.Length / Math.Max(1, clock.Elapsed.TotalSeconds) / 1e6:F1} MB/s, {allocated} bytes allocated");
        Assert.That(allocated, Is.Zero);
    }
}
