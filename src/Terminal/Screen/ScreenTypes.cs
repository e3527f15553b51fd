namespace HoodyKit.Terminal.Screen;

public sealed record Highlight(int Row, int ColStart, int ColEnd, bool Reverse);

/// <summary>What the screen shows at one moment.</summary>
internal sealed record ScreenSnapshot(IReadOnlyList<string> Lines, int CursorRow, int CursorCol, bool CursorVisible, bool AlternateScreen,
    string Title, int Rows, int Columns, long Sequence, IReadOnlyList<Highlight> Highlights);
