using System.Text;
using System.Text.Json;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.UnitTests.Terminal.Oracle;

/// <summary>One cell as both dumps spell it: text, width, colours (<c>default</c>, <c>16:n</c>, <c>256:n</c>, <c>#rrggbb</c>), flags.</summary>
internal readonly record struct DumpCell(string Text, int Width, string Foreground, string Background, string Flags)
{
    public override string ToString() => $"'{Text}' w{Width} fg={Foreground} bg={Background} [{Flags}]";
}

/// <summary>
/// A screen at one checkpoint: cells, cursor, modes, title and the active screen's scrollback as text (trailing spaces
/// trimmed, as the snapshot's lines are), from our emulator or from xterm.js.
/// </summary>
internal sealed record ScreenDump(DumpCell[][] Cells, IReadOnlyDictionary<string, string> State, IReadOnlyList<string> Scrollback)
{
    private static readonly (CellFlags Flag, char Letter)[] s_letters =
    [
        (CellFlags.Bold, 'B'), (CellFlags.Dim, 'D'), (CellFlags.Italic, 'I'), (CellFlags.Underline, 'U'), (CellFlags.Blink, 'K'),
        (CellFlags.Inverse, 'R'), (CellFlags.Invisible, 'H'), (CellFlags.Strikethrough, 'S'), (CellFlags.Overline, 'O'),
    ];

    public static ScreenDump Of(VtScreen screen)
    {
        var cells = screen.View().Select(row => row.Select(c =>
            new DumpCell(c.Text, c.Width, c.Attributes.Foreground.ToString(), c.Attributes.Background.ToString(), Flags(c.Attributes.Flags))).ToArray()).ToArray();
        var (row, col) = screen.Cursor;
        var state = new Dictionary<string, string>
        {
            ["cursor.x"] = $"{col}",
            ["cursor.y"] = $"{row}",
            ["cursor.visible"] = Bool(screen.CursorVisible),
            ["cursor.pendingWrap"] = Bool(screen.PendingWrap),
            ["modes.altScreen"] = Bool(screen.AlternateScreen),
            ["modes.applicationCursorKeys"] = Bool(screen.ApplicationCursorKeys),
            ["modes.applicationKeypad"] = Bool(screen.ApplicationKeypad),
            ["modes.bracketedPaste"] = Bool(screen.BracketedPaste),
            ["modes.insert"] = Bool(screen.InsertMode),
            ["modes.origin"] = Bool(screen.OriginMode),
            ["modes.autoWrap"] = Bool(screen.AutoWrap),
            ["modes.mouseTracking"] = screen.MouseTracking switch { 9 => "x10", 1000 => "vt200", 1002 => "drag", 1003 => "any", _ => "none" },
            ["modes.sgrMouse"] = Bool(screen.SgrMouse),
            ["title"] = screen.Title,
        };
        return new ScreenDump(cells, state, screen.AlternateScreen ? [] : [.. screen.Scrollback.Select(l => l.TrimEnd(' '))]);
    }

    public static ScreenDump Of(JsonElement state)
    {
        var cells = state.GetProperty("lines").EnumerateArray().Select(row => row.EnumerateArray().Select(c =>
            new DumpCell(c[0].GetString()!, c[1].GetInt32(), c[2].GetString()!, c[3].GetString()!, c[4].GetString()!)).ToArray()).ToArray();
        var values = new Dictionary<string, string> { ["title"] = state.GetProperty("title").GetString()! };
        foreach (var group in new[] { "cursor", "modes" })
        {
            foreach (var p in state.GetProperty(group).EnumerateObject())
                values[$"{group}.{p.Name}"] = p.Value.ValueKind switch { JsonValueKind.True => "true", JsonValueKind.False => "false", _ => p.Value.ToString() };
        }

        return new ScreenDump(cells, values, [.. state.GetProperty("scrollback").EnumerateArray().Select(l => l.GetString()!.TrimEnd(' '))]);
    }

    /// <summary>The differences from <paramref name="expected"/>, as readable lines; none when the screens agree.</summary>
    public List<string> Diff(ScreenDump expected, Func<string, bool> excluded)
    {
        var diffs = new List<string>();
        foreach (var (key, value) in expected.State)
        {
            var ours = State.GetValueOrDefault(key, "(missing)");
            if (ours != value && !excluded(key)) diffs.Add($"{key}: ours {Quote(ours)}, xterm {Quote(value)}");
        }

        if (!excluded("scrollback") && !Scrollback.SequenceEqual(expected.Scrollback))
        {
            var at = Enumerable.Range(0, Math.Max(Scrollback.Count, expected.Scrollback.Count))
                .First(i => i >= Scrollback.Count || i >= expected.Scrollback.Count || Scrollback[i] != expected.Scrollback[i]);
            diffs.Add($"scrollback: ours {Scrollback.Count} lines, xterm {expected.Scrollback.Count}; first difference at line {at}: " +
                $"ours {Quote(Scrollback.ElementAtOrDefault(at))}, xterm {Quote(expected.Scrollback.ElementAtOrDefault(at))}");
        }

        for (var r = 0; r < expected.Cells.Length; r++)
        {
            var cellDiffs = new List<string>();
            for (var c = 0; c < expected.Cells[r].Length; c++)
            {
                var ours = Cells[r][c];
                var theirs = expected.Cells[r][c];
                if (ours != theirs && !excluded("cells")) cellDiffs.Add($"    col {c}: ours {ours}, xterm {theirs}");
            }

            if (cellDiffs.Count == 0) continue;
            diffs.Add($"row {r}: {cellDiffs.Count} cells differ\n    ours:  |{RowText(Cells[r])}|\n    xterm: |{RowText(expected.Cells[r])}|\n" +
                string.Join('\n', cellDiffs.Take(6)) + (cellDiffs.Count > 6 ? $"\n    … {cellDiffs.Count - 6} more" : ""));
        }

        return diffs;
    }

    private static string RowText(DumpCell[] row)
    {
        var text = new StringBuilder();
        foreach (var cell in row) text.Append(cell.Width == 0 && cell.Text.Length == 0 ? "" : cell.Text.Length == 0 ? " " : cell.Text);
        return text.ToString();
    }

    private static string Flags(CellFlags flags) => new([.. s_letters.Where(l => (flags & l.Flag) != 0).Select(l => l.Letter)]);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Quote(string? text) =>
        text is null ? "(none)" : "\"" + string.Concat(text.Select(ch => ch < ' ' ? $"\\x{(int)ch:x2}" : ch.ToString())) + "\"";
}
