using System.Globalization;
using SkiaSharp;

namespace HoodyKit.Terminal.Screen;

/// <summary>The screenshot formats of the reference: <c>png</c>, <c>jpeg</c>, <c>gif</c>.</summary>
internal enum ScreenshotFormat
{
    Png,
    Jpeg,
    Gif,
}

/// <summary>How to draw: format, default colours, font size in pixels.</summary>
internal sealed record ImageOptions(ScreenshotFormat Format, SKColor Foreground, SKColor Background, float FontSize)
{
    public string ContentType => Format switch
    {
        ScreenshotFormat.Jpeg => "image/jpeg",
        ScreenshotFormat.Gif => "image/gif",
        _ => "image/png",
    };

    public string Extension => Format switch
    {
        ScreenshotFormat.Jpeg => "jpg",
        ScreenshotFormat.Gif => "gif",
        _ => "png",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Format} {FontSize}px");
}
