using System.Globalization;
using SkiaSharp;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// Draws the screen model as an image (SkiaSharp, DejaVu Sans Mono): exact cell colours (16, 256 and 24-bit), bold,
/// dim, inverse, invisible, underline and strikethrough, wide characters over two cells, the cursor.
/// </summary>
internal static class ScreenRenderer
{
    /// <summary>Space around the grid, in pixels.</summary>
    public const int Margin = 8;

    private const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    private static readonly Lazy<SKTypeface> s_font = new(() => File.Exists(FontFile) ? SKTypeface.FromFile(FontFile) : SKTypeface.Default);
    private static readonly Lazy<SKTypeface> s_bold = new(() =>
        File.Exists(FontFile.Replace(".ttf", "-Bold.ttf", StringComparison.Ordinal))
            ? SKTypeface.FromFile(FontFile.Replace(".ttf", "-Bold.ttf", StringComparison.Ordinal))
            : s_font.Value);

    /// <summary>The size of one cell in pixels at <paramref name="fontSize"/>.</summary>
    public static (int Width, int Height) CellSize(float fontSize)
    {
        using var font = new SKFont(s_font.Value, fontSize);
        return ((int)Math.Ceiling(font.MeasureText("M")), (int)Math.Ceiling(font.Spacing));
    }

    public static byte[] Render(CellView[][] rows, (int Row, int Col, bool Visible) cursor, ImageOptions options)
    {
        using var font = new SKFont(s_font.Value, options.FontSize);
        using var bold = new SKFont(s_bold.Value, options.FontSize);
        var (cellWidth, lineHeight) = CellSize(options.FontSize);
        var columns = rows.Length == 0 ? 0 : rows[0].Length;
        var info = new SKImageInfo(Math.Max(1, (columns * cellWidth) + (2 * Margin)), Math.Max(1, (rows.Length * lineHeight) + (2 * Margin)));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(options.Background);
        using var fill = new SKPaint { IsAntialias = false };
        using var ink = new SKPaint { IsAntialias = true };
        var defaults = (Rgb(options.Foreground), Rgb(options.Background));
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = rows[r][c];
                if (cell.Width == 0 && cell.Text.Length == 0) continue; // drawn with the wide character before it
                var (fg, bg) = CellColours.Resolve(cell.Attributes, defaults.Item1, defaults.Item2);
                if (cursor.Visible && r == cursor.Row && c == cursor.Col) (fg, bg) = (bg, fg);
                var x = Margin + (c * cellWidth);
                var y = Margin + (r * lineHeight);
                var width = cellWidth * Math.Max(1, cell.Width);
                if (bg != defaults.Item2)
                {
                    fill.Color = Colour(bg);
                    canvas.DrawRect(x, y, width, lineHeight, fill);
                }

                if (cell.Attributes.Has(CellFlags.Invisible)) continue;
                ink.Color = Colour(fg);
                var baseline = y + lineHeight - font.Metrics.Descent;
                if (cell.Text is not ("" or " "))
                    canvas.DrawText(cell.Text, x, baseline, SKTextAlign.Left, cell.Attributes.Bold ? bold : font, ink);
                if (cell.Attributes.Has(CellFlags.Underline)) canvas.DrawRect(x, baseline + 1, width, 1, ink);
                if (cell.Attributes.Has(CellFlags.Strikethrough)) canvas.DrawRect(x, y + (lineHeight / 2), width, 1, ink);
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(options.Format, options.Format == SKEncodedImageFormat.Jpeg ? 90 : 100);
        return data.ToArray();
    }

    /// <summary>A colour from <c>#rrggbb</c>, <c>rrggbb</c> or a name SkiaSharp knows; null when it is not one.</summary>
    public static SKColor? ParseColour(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (!value.StartsWith('#') && value.Length is 6 or 8 && value.All(char.IsAsciiHexDigit)) value = "#" + value;
        return SKColor.TryParse(value, out var colour) ? colour : null;
    }

    private static uint Rgb(SKColor colour) => ((uint)colour.Red << 16) | ((uint)colour.Green << 8) | colour.Blue;

    private static SKColor Colour(uint rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
}

/// <summary>How to draw: format, default colours, font size in pixels.</summary>
internal sealed record ImageOptions(SKEncodedImageFormat Format, SKColor Foreground, SKColor Background, float FontSize)
{
    public string ContentType => Format == SKEncodedImageFormat.Jpeg ? "image/jpeg" : "image/png";

    public string Extension => Format == SKEncodedImageFormat.Jpeg ? "jpg" : "png";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Format} {FontSize}px");
}
