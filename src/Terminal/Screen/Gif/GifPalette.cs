namespace HoodyKit.Terminal.Screen.Gif;

/// <summary>
/// Reduces an RGBA image to at most 256 colours for GIF. A terminal screenshot has few colours (the cell colours
/// plus the anti-aliased edges between them), so an image with ≤ 256 distinct colours keeps every one exactly.
/// Otherwise colours are grouped by their top bits (7 per channel, then 6, …) until ≤ 256 groups remain, and
/// each group is drawn in its most frequent colour: the background and the text colours stay exact, only
/// rare edge shades move to a near neighbour.
/// </summary>
internal sealed class GifPalette
{
    public const int MaxColours = 256;

    private GifPalette(int[] colours, byte[] indices)
    {
        Colours = colours;
        Indices = indices;
    }

    /// <summary>The palette as 0xRRGGBB values.</summary>
    public int[] Colours { get; }

    /// <summary>One palette index per pixel, row by row.</summary>
    public byte[] Indices { get; }

    /// <summary>Quantizes <paramref name="rgba"/> (4 bytes a pixel, alpha ignored: screenshots are opaque).</summary>
    public static GifPalette From(ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length % 4 != 0) throw new ArgumentException("RGBA data must hold 4 bytes a pixel", nameof(rgba));
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var colour = Rgb(rgba, i);
            counts[colour] = counts.GetValueOrDefault(colour) + 1;
        }

        var (palette, slotOf) = Choose(counts);
        var indices = new byte[rgba.Length / 4];
        for (var i = 0; i < indices.Length; i++) indices[i] = slotOf[Rgb(rgba, i * 4)];
        return new GifPalette(palette, indices);
    }

    private static (int[] Palette, Dictionary<int, byte> SlotOf) Choose(Dictionary<int, int> counts)
    {
        for (var bits = 8; bits >= 1; bits--)
        {
            var groups = new Dictionary<int, (int Colour, int Count)>();
            foreach (var (colour, count) in counts)
            {
                var key = Group(colour, bits);
                if (!groups.TryGetValue(key, out var best) || count > best.Count || (count == best.Count && colour < best.Colour))
                    groups[key] = (colour, count);
            }

            if (groups.Count > MaxColours) continue;
            var keys = groups.Keys.Order().ToArray();
            var palette = keys.Select(k => groups[k].Colour).ToArray();
            var slotOfGroup = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => (byte)p.i);
            var slotOf = counts.Keys.ToDictionary(c => c, c => slotOfGroup[Group(c, bits)]);
            return (palette, slotOf);
        }

        throw new InvalidOperationException("unreachable: 1 bit a channel leaves 8 groups");
    }

    private static int Group(int colour, int bits)
    {
        var shift = 8 - bits;
        var r = ((colour >> 16) & 0xff) >> shift;
        var g = ((colour >> 8) & 0xff) >> shift;
        var b = (colour & 0xff) >> shift;
        return (r << 16) | (g << 8) | b;
    }

    private static int Rgb(ReadOnlySpan<byte> rgba, int offset) => (rgba[offset] << 16) | (rgba[offset + 1] << 8) | rgba[offset + 2];
}
