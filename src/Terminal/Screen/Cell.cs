using System.Runtime.InteropServices;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// One character cell, 16 bytes: a code point (0 when nothing was written there, negative for a grapheme with
/// combining marks, kept in the screen's <see cref="GraphemeTable"/>), its width (1, 2 for a wide character, 0 for the
/// cell a wide character covers) and its rendition.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly record struct Cell(int Code, byte Width, Attributes Attributes)
{
    /// <summary>An empty cell with these attributes (what erasing leaves).</summary>
    public static Cell Empty(Attributes attributes) => new(0, 1, attributes);

    public bool HasContent => Code != 0;
}

/// <summary>What a cell shows, resolved for readers outside the emulator (screenshots, the oracle test).</summary>
internal readonly record struct CellView(string Text, int Width, Attributes Attributes);
