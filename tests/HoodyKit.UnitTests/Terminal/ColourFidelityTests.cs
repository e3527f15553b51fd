using HoodyKit.Terminal.Screen;
using HoodyKit.Terminal.Sessions;
using SkiaSharp;

namespace HoodyKit.UnitTests.Terminal;

/// <summary>256-colour and 24-bit colours stay exact from the bytes to the screen model, colored_lines, HTML and screenshots.</summary>
public sealed class ColourFidelityTests
{
    private static VtScreen Feed(string text, int columns = 20, int rows = 3) => Screens.Feed(text, columns, rows);

    [Test]
    public void The_screen_model_keeps_256_and_24_bit_colours_as_they_were_set()
    {
        var cells = Feed("\x1b[38;5;196;48;2;1;2;3mA\x1b[38:2::255:128:0;48:5:17mB\x1b[0;33;104mC").View()[0];
        Assert.That((cells[0].Attributes.Foreground, cells[0].Attributes.Background), Is.EqualTo((Colour.Palette256(196), Colour.Rgb(1, 2, 3))));
        Assert.That((cells[1].Attributes.Foreground, cells[1].Attributes.Background), Is.EqualTo((Colour.Rgb(255, 128, 0), Colour.Palette256(17))));
        Assert.That((cells[2].Attributes.Foreground, cells[2].Attributes.Background), Is.EqualTo((Colour.Palette16(3), Colour.Palette16(12))));
    }

    [Test]
    public void Colored_lines_repeat_256_and_24_bit_colours_exactly()
    {
        var screen = Feed("\x1b[38;5;196mA\x1b[48:2::18:52:86mB\x1b[0m \x1b[1;3;4;9;95mC\x1b[0m");
        Assert.That(screen.ColoredLines()[0], Is.EqualTo(
            "\x1b[0;38;5;196mA\x1b[0;38;5;196;48;2;18;52;86mB\x1b[0m \x1b[0;1;3;4;9;95mC\x1b[0m"));
    }

    [Test]
    public void A_screen_replayed_from_its_serialized_form_has_the_same_cells()
    {
        var screen = Feed("\x1b[41m\x1b[2J\x1b[H\x1b[38;2;9;8;7mrgb\x1b[0m 漢字 e\u0301 \x1b[7;48;5;200minv\x1b[0m\r\n\x1b[44mbg to the end\x1b[K", rows: 4);
        var copy = new VtScreen(20, 4);
        copy.Feed(screen.Serialize());
        Assert.That(Flatten(copy.View()), Is.EqualTo(Flatten(screen.View()).Select(c => c with { Text = c.Text.Length == 0 && c.Width == 1 ? " " : c.Text })));
    }

    [Test]
    public void Html_keeps_256_and_24_bit_colours_and_the_renditions()
    {
        var html = AnsiHtml.Convert("\x1b[38;5;196mA\x1b[48:2::18:52:86mB\x1b[0;7mC\x1b[0;2;9;53mD\x1b[0m");
        Assert.That(html, Is.EqualTo("<pre class=\"terminal\"><span style=\"color:#ff0000;\">A</span>" +
            "<span style=\"color:#ff0000;background-color:#123456;\">B</span>" +
            "<span style=\"color:#000000;background-color:#ffffff;\">C</span>" +
            "<span style=\"opacity:0.5;text-decoration:line-through overline;\">D</span></pre>"));
    }

    [Test]
    public void A_screenshot_draws_each_cell_in_its_exact_colour()
    {
        var screen = Feed("\x1b[48;2;18;52;86m  \x1b[48;5;208m  \x1b[44m  \x1b[0m\x1b[7m  \x1b[?25l");
        var options = new ImageOptions(ScreenshotFormat.Png, new SKColor(0xd4, 0xd4, 0xd4), new SKColor(0x1e, 0x1e, 0x1e), 14);
        using var image = SKBitmap.Decode(ScreenRenderer.Render(screen.View(), (0, 0, false), options));
        var (width, height) = ScreenRenderer.CellSize(14);
        SKColor At(int col) => image.GetPixel(ScreenRenderer.Margin + (col * width) + (width / 2), ScreenRenderer.Margin + (height / 2));
        Assert.That(At(1), Is.EqualTo(new SKColor(18, 52, 86)));
        Assert.That(At(3), Is.EqualTo(new SKColor(0xff, 0x87, 0x00)), "palette 208");
        Assert.That(At(5), Is.EqualTo(new SKColor(0x34, 0x65, 0xa4)), "ANSI blue, as the page draws it");
        Assert.That(At(7), Is.EqualTo(new SKColor(0xd4, 0xd4, 0xd4)), "inverse video: the default foreground");
        Assert.That(At(9), Is.EqualTo(new SKColor(0x1e, 0x1e, 0x1e)), "the default background");
    }

    private static IEnumerable<CellView> Flatten(CellView[][] rows) => rows.SelectMany(r => r);
}
