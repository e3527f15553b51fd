using System.Runtime.InteropServices;

namespace HoodyKit.Terminal.Screen;

/// <summary>A cell's rendition: foreground and background colours and the SGR flags.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly record struct Attributes(Colour Foreground, Colour Background, CellFlags Flags)
{
    public bool Bold => (Flags & CellFlags.Bold) != 0;

    public bool Reverse => (Flags & CellFlags.Inverse) != 0;

    /// <summary>What erasing with these attributes leaves: the background colour only (xterm's background colour erase).</summary>
    public Attributes Erase => new(default, Background, CellFlags.None);

    public bool Has(CellFlags flag) => (Flags & flag) != 0;
}
