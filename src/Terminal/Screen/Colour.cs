namespace HoodyKit.Terminal.Screen;

/// <summary>How a cell colour was chosen: the terminal's default, SGR 30–37/90–97, SGR 38;5;n, or 24-bit RGB.</summary>
internal enum ColourKind : byte
{
    Default,
    Palette16,
    Palette256,
    Rgb,
}

/// <summary>
/// A cell colour exactly as the program set it (never folded to 16 colours): the kind in the top byte, the palette
/// index or 0xRRGGBB below it.
/// </summary>
internal readonly record struct Colour(uint Packed)
{
    public static Colour Default => default;

    public ColourKind Kind => (ColourKind)(Packed >> 24);

    /// <summary>The palette index (0–255) or the RGB value 0xRRGGBB.</summary>
    public int Value => (int)(Packed & 0xFFFFFF);

    public bool IsDefault => Packed == 0;

    public static Colour Palette16(int index) => new(((uint)ColourKind.Palette16 << 24) | (uint)(index & 15));

    public static Colour Palette256(int index) => new(((uint)ColourKind.Palette256 << 24) | (uint)(index & 0xFF));

    public static Colour Rgb(int red, int green, int blue) =>
        new(((uint)ColourKind.Rgb << 24) | ((uint)(red & 0xFF) << 16) | ((uint)(green & 0xFF) << 8) | (uint)(blue & 0xFF));

    /// <summary>0xRRGGBB, through xterm's default palette for indexed colours; <paramref name="fallback"/> for the default.</summary>
    public uint ToRgb(uint fallback) => Kind switch
    {
        ColourKind.Palette16 or ColourKind.Palette256 => Palette.Rgb(Value),
        ColourKind.Rgb => (uint)Value,
        _ => fallback,
    };

    /// <summary>The form the oracle dump uses: <c>default</c>, <c>16:n</c>, <c>256:n</c>, <c>#rrggbb</c>.</summary>
    public override string ToString() => Kind switch
    {
        ColourKind.Palette16 => $"16:{Value}",
        ColourKind.Palette256 => $"256:{Value}",
        ColourKind.Rgb => $"#{Value:x6}",
        _ => "default",
    };
}
