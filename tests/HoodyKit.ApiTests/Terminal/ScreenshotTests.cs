using System.Net;
using System.Text.RegularExpressions;
using HoodyKit.ApiTests.Infrastructure;
using SkiaSharp;

namespace HoodyKit.ApiTests.Terminal;

/// <summary><c>GET /screenshot</c>: GIF next to PNG and JPEG, the reference's colour names, and <c>save</c>.</summary>
public sealed partial class ScreenshotTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-shot-home-").FullName;

    [Test, CancelAfter(20_000)]
    public async Task Gif_screenshot_is_a_gif89a_of_the_png_size_that_decodes(CancellationToken ct)
    {
        await CreateAsync(81, ct);
        var png = await GetImageAsync("/api/v1/terminal/screenshot?terminal_id=81&save=false", "image/png", ct);
        var gif = await GetImageAsync("/api/v1/terminal/screenshot?terminal_id=81&save=false&format=gif", "image/gif", ct);

        Assert.That(gif.AsSpan(0, 6).ToArray(), Is.EqualTo("GIF89a"u8.ToArray()));
        Assert.That(gif[^1], Is.EqualTo(0x3B), "GIF trailer");
        using var pngBitmap = SKBitmap.Decode(png);
        using var gifBitmap = SKBitmap.Decode(gif);
        Assert.That(gifBitmap, Is.Not.Null, "Skia decodes the GIF");
        Assert.That((BitConverter.ToUInt16(gif, 6), BitConverter.ToUInt16(gif, 8)), Is.EqualTo((pngBitmap.Width, pngBitmap.Height)));
        Assert.That((gifBitmap.Width, gifBitmap.Height), Is.EqualTo((pngBitmap.Width, pngBitmap.Height)));
        Assert.That(gifBitmap.GetPixel(2, 2), Is.EqualTo(pngBitmap.GetPixel(2, 2)), "the background colour is kept exactly");
    }

    [Test, CancelAfter(20_000)]
    public async Task Colour_names_and_rgba_tuples_are_accepted(CancellationToken ct)
    {
        await CreateAsync(82, ct);
        using var named = SKBitmap.Decode(await GetImageAsync("/api/v1/terminal/screenshot?terminal_id=82&save=false&background=blue", "image/png", ct));
        Assert.That(named.GetPixel(1, 1), Is.EqualTo(new SKColor(0x34, 0x65, 0xa4)), "blue as the cells (and the page, xterm.js) draw it");
        using var tuple = SKBitmap.Decode(await GetImageAsync("/api/v1/terminal/screenshot?terminal_id=82&save=false&background=(10,20,30,255)", "image/png", ct));
        Assert.That(tuple.GetPixel(1, 1), Is.EqualTo(new SKColor(10, 20, 30)));
        using var bad = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=82&background=(1,2)", ct);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var badFormat = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=82&format=bmp", ct);
        Assert.That(badFormat.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test, CancelAfter(20_000)]
    public async Task Screenshots_are_saved_by_default_under_the_terminal_id_with_a_timestamp_name(CancellationToken ct)
    {
        await CreateAsync(83, ct);
        using var first = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=83&format=gif", ct);
        using var second = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=83&format=gif&save=true", ct);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var path = first.Headers.GetValues("X-Screenshot-Path").Single();
        var again = second.Headers.GetValues("X-Screenshot-Path").Single();

        var folder = Path.Combine(Host.DataDir, "screenshots", "83");
        Assert.That(Path.GetDirectoryName(path), Is.EqualTo(folder));
        Assert.That(Path.GetFileName(path), Does.Match(SavedName()));
        Assert.That(again, Is.Not.EqualTo(path), "a second screenshot never replaces the first");
        Assert.That(await File.ReadAllBytesAsync(path, ct), Is.EqualTo(await first.Content.ReadAsByteArrayAsync(ct)));
        Assert.That(await File.ReadAllBytesAsync(again, ct), Is.EqualTo(await second.Content.ReadAsByteArrayAsync(ct)));

        using var unsaved = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=83&save=false", ct);
        Assert.That(unsaved.Headers.Contains("X-Screenshot-Path"), Is.False);
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(2));
        using var badSave = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=83&save=maybe", ct);
        Assert.That(badSave.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(_\d+)?\.gif$")]
    private static partial Regex SavedName();

    private async Task<byte[]> GetImageAsync(string path, string mediaType, CancellationToken ct)
    {
        using var response = await Host.Client.GetAsync(path, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(ct));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    private async Task CreateAsync(int id, CancellationToken ct)
    {
        using var content = new StringContent($$$"""{"terminal_id":{{{id}}},"env":{"HOME":"{{{s_home}}}"}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync("/api/v1/terminal/create", content, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
