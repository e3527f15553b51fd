namespace HoodyKit.Terminal.Screen;

/// <summary>The SGR renditions a cell can carry (the ones xterm.js keeps).</summary>
[Flags]
internal enum CellFlags : ushort
{
    None = 0,
    Bold = 1 << 0,
    Dim = 1 << 1,
    Italic = 1 << 2,
    Underline = 1 << 3,
    Blink = 1 << 4,
    Inverse = 1 << 5,
    Invisible = 1 << 6,
    Strikethrough = 1 << 7,
    Overline = 1 << 8,
}
