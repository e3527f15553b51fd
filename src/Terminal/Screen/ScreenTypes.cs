namespace HoodyKit.Terminal.Screen;

/// <summary>One character cell: its grapheme ("" for the right half of a wide character) and attributes.</summary>
internal readonly record struct Cell(string Text, Attributes Attributes)
{
    public static Cell Blank { get; } = new(" ", default);
}

/// <summary>The SGR state that matters for automation: reverse video (highlights), bold, colours.</summary>
internal readonly record struct Attributes(bool Bold, bool Reverse, int Foreground, int Background)
{
    /// <summary>The SGR sequence that selects these attributes from a reset state.</summary>
    public string Sgr()
    {
        var codes = new List<int> { 0 };
        if (Bold) codes.Add(1);
        if (Reverse) codes.Add(7);
        if (Foreground != 0) codes.Add(Foreground);
        if (Background != 0) codes.Add(Background);
        return "\u001b[" + string.Join(';', codes) + "m";
    }

    public Attributes Apply(IReadOnlyList<int> p)
    {
        var a = this;
        if (p.Count == 0) return default;
        for (var i = 0; i < p.Count; i++)
        {
            var code = p[i] < 0 ? 0 : p[i];
            a = code switch
            {
                0 => default,
                1 => a with { Bold = true },
                22 => a with { Bold = false },
                7 => a with { Reverse = true },
                27 => a with { Reverse = false },
                >= 30 and <= 37 or >= 90 and <= 97 => a with { Foreground = code },
                39 => a with { Foreground = 0 },
                >= 40 and <= 47 or >= 100 and <= 107 => a with { Background = code },
                49 => a with { Background = 0 },
                _ => a,
            };
            if (code is 38 or 48) i += i + 1 < p.Count && p[i + 1] == 5 ? 2 : 4;
        }

        return a;
    }
}

public sealed record Highlight(int Row, int ColStart, int ColEnd, bool Reverse);

/// <summary>What the screen shows at one moment.</summary>
internal sealed record ScreenSnapshot(IReadOnlyList<string> Lines, int CursorRow, int CursorCol, bool CursorVisible, bool AlternateScreen,
    string Title, int Rows, int Columns, long Sequence, IReadOnlyList<Highlight> Highlights);
