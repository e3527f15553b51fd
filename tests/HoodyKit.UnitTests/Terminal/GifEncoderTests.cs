using HoodyKit.Terminal.Screen.Gif;
using SkiaSharp;

namespace HoodyKit.UnitTests.Terminal;

/// <summary>The in-house GIF89a encoder, checked by decoding its output with Skia's own GIF decoder.</summary>
public sealed class GifEncoderTests
{
    [Test]
    public void A_few_colours_come_back_exactly_with_header_size_and_trailer()
    {
        int[] colours = [0x1e1e1e, 0xd4d4d4, 0xcd3131, 0x0dbc79, 0x2472c8];
        var rgba = Image(37, 23, (x, y) => colours[((x / 3) + (y * 7)) % colours.Length]);
        var gif = GifEncoder.Encode(37, 23, rgba);

        Assert.That(gif.AsSpan(0, 6).ToArray(), Is.EqualTo("GIF89a"u8.ToArray()));
        Assert.That(gif[^1], Is.EqualTo(0x3B), "trailer");
        Assert.That(BitConverter.ToUInt16(gif, 6), Is.EqualTo(37));
        Assert.That(BitConverter.ToUInt16(gif, 8), Is.EqualTo(23));
        Assert.That(Decode(gif), Is.EqualTo(rgba));
    }

    [Test]
    public void Noise_that_fills_the_code_table_many_times_round_trips()
    {
        var random = new Random(7);
        var palette = Enumerable.Range(0, 256).Select(i => (i * 0x010305) & 0xffffff).Distinct().ToArray();
        var rgba = Image(301, 257, (_, _) => palette[random.Next(palette.Length)]);
        Assert.That(Decode(GifEncoder.Encode(301, 257, rgba)), Is.EqualTo(rgba));
    }

    [Test]
    public void One_and_two_colour_images_round_trip()
    {
        var one = Image(1, 1, (_, _) => 0x123456);
        Assert.That(Decode(GifEncoder.Encode(1, 1, one)), Is.EqualTo(one));
        var two = Image(64, 3, (x, y) => (x + y) % 2 == 0 ? 0 : 0xffffff);
        Assert.That(Decode(GifEncoder.Encode(64, 3, two)), Is.EqualTo(two));
    }

    [Test]
    public void More_than_256_colours_keep_the_most_frequent_exact()
    {
        // a background, and a 1024-step gradient over a fifth of the pixels
        var rgba = Image(1024, 20, (x, y) => y < 16 ? 0x1e1e1e : (x << 14) | (x << 4));
        var palette = GifPalette.From(rgba);
        Assert.That(palette.Colours, Has.Length.LessThanOrEqualTo(256));
        var decoded = Decode(GifEncoder.Encode(1024, 20, rgba));
        Assert.That(decoded.AsSpan(0, 4).ToArray(), Is.EqualTo(new byte[] { 0x1e, 0x1e, 0x1e, 0xff }), "the background stays exact");
        for (var i = 0; i < rgba.Length; i++)
            Assert.That(Math.Abs(decoded[i] - rgba[i]), Is.LessThanOrEqualTo(32), $"byte {i} stays near its colour");
    }

    private static byte[] Image(int width, int height, Func<int, int, int> rgbAt)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var rgb = rgbAt(x, y);
                var i = ((y * width) + x) * 4;
                rgba[i] = (byte)(rgb >> 16);
                rgba[i + 1] = (byte)(rgb >> 8);
                rgba[i + 2] = (byte)rgb;
                rgba[i + 3] = 0xff;
            }
        }

        return rgba;
    }

    private static byte[] Decode(byte[] gif)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(gif));
        Assert.That(codec, Is.Not.Null, "Skia recognizes the GIF");
        Assert.That(codec.EncodedFormat, Is.EqualTo(SKEncodedImageFormat.Gif));
        using var bitmap = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.That(codec.GetPixels(bitmap.Info, bitmap.GetPixels()), Is.EqualTo(SKCodecResult.Success));
        return bitmap.GetPixelSpan().ToArray();
    }
}
