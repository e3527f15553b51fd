using System.Buffers.Binary;

namespace HoodyKit.Terminal.Screen.Gif;

/// <summary>
/// Writes one still GIF89a image: a global colour table of at most 256 colours (<see cref="GifPalette"/>), one
/// image descriptor and its LZW data (<see cref="LzwEncoder"/>) in sub-blocks of up to 255 bytes. SkiaSharp
/// decodes GIF but cannot encode it, and the one NuGet encoder on the feed (ImageSharp 2.1) is neither AOT-clean
/// nor free of known crafted-image flaws, so the ~150 lines live here (docs/decisions.md).
/// </summary>
internal static class GifEncoder
{
    /// <summary>Encodes an opaque RGBA image (4 bytes a pixel, rows top to bottom).</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (width is < 1 or > ushort.MaxValue || height is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: GIF sides are 1-65535 pixels");
        if (rgba.Length != width * height * 4) throw new ArgumentException("RGBA data does not match the size", nameof(rgba));

        var palette = GifPalette.From(rgba);
        var tableBits = 1;
        while ((1 << tableBits) < palette.Colours.Length) tableBits++;
        var minCodeSize = Math.Max(2, tableBits);
        var lzw = LzwEncoder.Encode(palette.Indices, minCodeSize);

        using var gif = new MemoryStream(lzw.Length + (lzw.Length / 255) + 1024);
        gif.Write("GIF89a"u8);
        WriteUInt16(gif, width);
        WriteUInt16(gif, height);
        gif.WriteByte((byte)(0x80 | 0x70 | (tableBits - 1))); // global colour table, 8-bit colour resolution, its size
        gif.WriteByte(0); // background colour index
        gif.WriteByte(0); // no aspect ratio
        for (var i = 0; i < 1 << tableBits; i++)
        {
            var colour = i < palette.Colours.Length ? palette.Colours[i] : 0;
            gif.WriteByte((byte)(colour >> 16));
            gif.WriteByte((byte)(colour >> 8));
            gif.WriteByte((byte)colour);
        }

        gif.WriteByte(0x2C); // image descriptor: at 0,0, full size, no local table, not interlaced
        WriteUInt16(gif, 0);
        WriteUInt16(gif, 0);
        WriteUInt16(gif, width);
        WriteUInt16(gif, height);
        gif.WriteByte(0);
        gif.WriteByte((byte)minCodeSize);
        for (var offset = 0; offset < lzw.Length; offset += 255)
        {
            var length = Math.Min(255, lzw.Length - offset);
            gif.WriteByte((byte)length);
            gif.Write(lzw, offset, length);
        }

        gif.WriteByte(0); // block terminator
        gif.WriteByte(0x3B); // trailer
        return gif.ToArray();
    }

    private static void WriteUInt16(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        stream.Write(bytes);
    }
}
