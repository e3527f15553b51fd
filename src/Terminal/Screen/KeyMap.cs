namespace HoodyKit.Terminal.Screen;

/// <summary>Named keys → the bytes a terminal sends for them; cursor keys honour application cursor mode (DECCKM).</summary>
internal static class KeyMap
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["esc"] = "escape", ["return"] = "enter", ["bs"] = "backspace", ["del"] = "delete", ["pgup"] = "page_up",
        ["pgdn"] = "page_down", ["pageup"] = "page_up", ["pagedown"] = "page_down", ["arrow_up"] = "up",
        ["arrow_down"] = "down", ["arrow_left"] = "left", ["arrow_right"] = "right", ["ins"] = "insert",
    };

    private static readonly Dictionary<string, string> s_fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["enter"] = "\r", ["tab"] = "\t", ["escape"] = "\x1b", ["backspace"] = "\x7f", ["space"] = " ",
        ["insert"] = "\x1b[2~", ["delete"] = "\x1b[3~", ["page_up"] = "\x1b[5~", ["page_down"] = "\x1b[6~",
        ["f1"] = "\x1bOP", ["f2"] = "\x1bOQ", ["f3"] = "\x1bOR", ["f4"] = "\x1bOS", ["f5"] = "\x1b[15~", ["f6"] = "\x1b[17~",
        ["f7"] = "\x1b[18~", ["f8"] = "\x1b[19~", ["f9"] = "\x1b[20~", ["f10"] = "\x1b[21~", ["f11"] = "\x1b[23~", ["f12"] = "\x1b[24~",
        ["kp_enter"] = "\r", ["kp_plus"] = "+", ["kp_minus"] = "-", ["shift+tab"] = "\x1b[Z",
    };

    private static readonly Dictionary<string, char> s_cursor = new(StringComparer.OrdinalIgnoreCase)
    {
        ["up"] = 'A', ["down"] = 'B', ["right"] = 'C', ["left"] = 'D', ["home"] = 'H', ["end"] = 'F',
    };

    /// <summary>Every accepted name (aliases included), as <c>/keys</c> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. s_fixed.Keys.Where(k => !k.StartsWith("kp_", StringComparison.Ordinal)), .. s_cursor.Keys,
        .. Enumerable.Range('a', 26).Select(c => $"ctrl+{(char)c}"), .. s_aliases.Keys, "kp_enter", "kp_plus", "kp_minus",
        "alt+<key>", "<single character>",
    ];

    /// <summary>The bytes for <paramref name="name"/>, or null when the name is unknown.</summary>
    public static string? Encode(string name, bool applicationCursor)
    {
        if (name.Length == 1) return name;
        var key = s_aliases.GetValueOrDefault(name, name);
        if (s_fixed.TryGetValue(key, out var fixedBytes)) return fixedBytes;
        if (s_cursor.TryGetValue(key, out var final)) return applicationCursor ? $"\x1bO{final}" : $"\x1b[{final}";
        if (key.StartsWith("ctrl+", StringComparison.OrdinalIgnoreCase) && key.Length == 6)
        {
            var c = char.ToLowerInvariant(key[5]);
            return c switch
            {
                >= 'a' and <= 'z' => ((char)(c - 'a' + 1)).ToString(),
                '[' => "\x1b",
                '\\' => "\x1c",
                ']' => "\x1d",
                ' ' or '@' => "\0",
                _ => null,
            };
        }

        if (key.StartsWith("alt+", StringComparison.OrdinalIgnoreCase) && Encode(key[4..], applicationCursor) is { } inner)
            return "\x1b" + inner;
        return null;
    }
}
