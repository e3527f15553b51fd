using System.Globalization;
using HoodyKit.Terminal.Screen.Gif;
using SkiaSharp;

namespace HoodyKit.Terminal.Screen;

/// <summary>Draws the screen model as an image (SkiaSharp, DejaVu Sans Mono): cell colours, bold, reverse video, the cursor; PNG, JPEG or GIF.</summary>
internal static class ScreenRenderer
{
    private const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    private static readonly Lazy<SKTypeface> s_font = new(() => File.Exists(FontFile) ? SKTypeface.FromFile(FontFile) : SKTypeface.Default);
    private static readonly Lazy<SKTypeface> s_bold = new(() =>
        File.Exists(FontFile.Replace(".ttf", "-Bold.ttf", StringComparison.Ordinal))
            ? SKTypeface.FromFile(FontFile.Replace(".ttf", "-Bold.ttf", StringComparison.Ordinal))
            : s_font.Value);

    private static readonly string[] s_names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

    private static readonly SKColor[] s_palette =
    [
        new(0x00, 0x00, 0x00), new(0xcd, 0x31, 0x31), new(0x0d, 0xbc, 0x79), new(0xe5, 0xe5, 0x10),
        new(0x24, 0x72, 0xc8), new(0xbc, 0x3f, 0xbc), new(0x11, 0xa8, 0xcd), new(0xe5, 0xe5, 0xe5),
        new(0x66, 0x66, 0x66), new(0xf1, 0x4c, 0x4c), new(0x23, 0xd1, 0x8b), new(0xf5, 0xf5, 0x43),
        new(0x3b, 0x8e, 0xea), new(0xd6, 0x70, 0xd6), new(0x29, 0xb8, 0xdb), new(0xff, 0xff, 0xff),
    ];

    public static byte[] Render(Cell[][] rows, (int Row, int Col, bool Visible) cursor, ImageOptions options)
    {
        using var font = new SKFont(s_font.Value, options.FontSize);
        using var bold = new SKFont(s_bold.Value, options.FontSize);
        var cellWidth = (int)Math.Ceiling(font.MeasureText("M"));
        var lineHeight = (int)Math.Ceiling(font.Spacing);
        var columns = rows.Length == 0 ? 0 : rows[0].Length;
        var info = new SKImageInfo(Math.Max(1, (columns * cellWidth) + 16), Math.Max(1, (rows.Length * lineHeight) + 16));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(options.Background);
        using var paint = new SKPaint { IsAntialias = true };
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = rows[r][c];
                var (fg, bg) = Colours(cell.Attributes, options);
                if (cursor.Visible && r == cursor.Row && c == cursor.Col) (fg, bg) = (options.Background, options.Foreground);
                var x = 8 + (c * cellWidth);
                var y = 8 + (r * lineHeight);
                if (bg != options.Background)
                {
                    paint.Color = bg;
                    canvas.DrawRect(x, y, cellWidth * (cell.Text.Length > 0 && CharWidth.Of(cell.Text) == 2 ? 2 : 1), lineHeight, paint);
                }

                if (cell.Text is "" or " ") continue;
                paint.Color = fg;
                canvas.DrawText(cell.Text, x, y + lineHeight - font.Metrics.Descent, SKTextAlign.Left, cell.Attributes.Bold ? bold : font, paint);
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
        if (named >= 0) return s_palette[named];
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

    private static (SKColor Fg, SKColor Bg) Colours(Attributes a, ImageOptions options)
    {
        var fg = a.Foreground switch
        {
            >= 30 and <= 37 => s_palette[a.Foreground - 30],
            >= 90 and <= 97 => s_palette[a.Foreground - 90 + 8],
            _ => options.Foreground,
        };
        var bg = a.Background switch
        {
            >= 40 and <= 47 => s_palette[a.Background - 40],
            >= 100 and <= 107 => s_palette[a.Background - 100 + 8],
            _ => options.Background,
        };
        return a.Reverse ? (bg, fg) : (fg, bg);
    }
}
