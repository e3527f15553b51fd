namespace HoodyKit.Terminal.Screen;

/// <summary>
/// The colours a cell is drawn in, as the terminal page (xterm.js) draws them: exact 256-colour and 24-bit values,
/// bold text in the bright variant of palette colours 0–7, inverse video swapping the two, dim text at half strength.
/// </summary>
internal static class CellColours
{
    /// <summary>xterm.js' default foreground and background (0xRRGGBB).</summary>
    public const uint DefaultForeground = 0xffffff;

    public const uint DefaultBackground = 0x000000;

    public static (uint Foreground, uint Background) Resolve(Attributes a, uint defaultForeground, uint defaultBackground)
    {
        var fgColour = a.Foreground;
        if (a.Bold && fgColour.Kind is ColourKind.Palette16 or ColourKind.Palette256 && fgColour.Value < 8)
            fgColour = Colour.Palette16(fgColour.Value + 8);
        var fg = fgColour.ToRgb(defaultForeground);
        var bg = a.Background.ToRgb(defaultBackground);
        if (a.Reverse) (fg, bg) = (bg, fg);
        if (a.Has(CellFlags.Dim)) fg = Blend(fg, bg);
        return (fg, bg);
    }

    private static uint Blend(uint fg, uint bg)
    {
        uint Channel(int shift) => ((((fg >> shift) & 0xFF) + ((bg >> shift) & 0xFF)) / 2) << shift;
        return Channel(16) | Channel(8) | Channel(0);
    }
}
