using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>Characters with combining marks, stored once per screen; a cell refers to one by a negative code.</summary>
internal sealed class GraphemeTable
{
    private const int MaxEntries = 65536;
    private readonly List<string> _texts = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    /// <summary>The code for <paramref name="code"/> (a code point or a grapheme) followed by <paramref name="mark"/>.</summary>
    public int Combine(int code, int mark)
    {
        if (_texts.Count >= MaxEntries) return code; // a flood of distinct graphemes keeps the base characters
        var text = Text(code) + char.ConvertFromUtf32(mark);
        if (_codes.TryGetValue(text, out var existing)) return existing;
        _texts.Add(text);
        var created = -_texts.Count;
        _codes[text] = created;
        return created;
    }

    public string Text(int code) => code switch
    {
        0 => "",
        < 0 => _texts[-code - 1],
        _ => char.ConvertFromUtf32(code),
    };

    public void Append(StringBuilder text, int code)
    {
        if (code > 0) text.Append(new Rune(code));
        else if (code < 0) text.Append(_texts[-code - 1]);
    }
}
