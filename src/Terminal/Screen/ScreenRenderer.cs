using System.Globalization;
using HoodyKit.Terminal.Screen.Gif;
using SkiaSharp;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// Draws the screen model as an image (SkiaSharp, DejaVu Sans Mono): exact cell colours (16, 256 and 24-bit), bold,
/// dim, inverse, invisible, underline and strikethrough, wide characters over two cells, the cursor; PNG, JPEG or GIF.
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

    private static readonly string[] s_names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

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
        return Encode(image, options.Format);
    }

    private static byte[] Encode(SKImage image, ScreenshotFormat format)
    {
        if (format == ScreenshotFormat.Gif)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            if (!image.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
                throw new InvalidOperationException("Could not read the screenshot's pixels");
            return GifEncoder.Encode(image.Width, image.Height, bitmap.GetPixelSpan());
        }

        using var data = format == ScreenshotFormat.Jpeg ? image.Encode(SKEncodedImageFormat.Jpeg, 90) : image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A colour as the reference writes them: one of the eight names (drawn as the cell palette draws them),
    /// <c>(R,G,B,A)</c> or <c>(R,G,B)</c>, or hex (<c>#rrggbb</c>, <c>rrggbb</c>, <c>#rgb</c>); null when it is none.
    /// </summary>
    public static SKColor? ParseColour(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        var named = Array.IndexOf(s_names, value.ToLowerInvariant());
        if (named >= 0) return Colour(Screen.Colour.Palette16(named).ToRgb(0));
        if (value.StartsWith('(') && value.EndsWith(')')) return ParseComponents(value[1..^1]);
        if (!value.StartsWith('#') && value.Length is 6 or 8 && value.All(char.IsAsciiHexDigit)) value = "#" + value;
        return SKColor.TryParse(value, out var colour) ? colour : null;
    }

    private static SKColor? ParseComponents(string list)
    {
        var parts = list.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (3 or 4)) return null;
        var values = new byte[4];
        values[3] = 255;
        for (var i = 0; i < parts.Length; i++)
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i])) return null;
        return new SKColor(values[0], values[1], values[2], values[3]);
    }

    private static uint Rgb(SKColor colour) => ((uint)colour.Red << 16) | ((uint)colour.Green << 8) | colour.Blue;

    private static SKColor Colour(uint rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
}
