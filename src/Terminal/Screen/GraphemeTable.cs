using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// Characters with combining marks, stored once per screen; a cell refers to one by a negative code. Looking up a
/// grapheme seen before allocates nothing.
/// </summary>
internal sealed class GraphemeTable
{
    private const int MaxEntries = 65536;
    private const int MaxChars = 64;
    private readonly List<string> _texts = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    /// <summary>The code for <paramref name="code"/> (a code point or a grapheme) followed by <paramref name="mark"/>.</summary>
    public int Combine(int code, int mark)
    {
        var baseText = code < 0 ? _texts[-code - 1].AsSpan() : default;
        if (baseText.Length > MaxChars - 4) return code; // no end of marks on one character
        Span<char> text = stackalloc char[MaxChars];
        var length = code > 0 ? new Rune(code).EncodeToUtf16(text) : baseText.Length;
        if (code < 0) baseText.CopyTo(text);
        length += new Rune(mark).EncodeToUtf16(text[length..]);
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text[..length], out var existing)) return existing;
        if (_texts.Count >= MaxEntries) return code; // a flood of distinct graphemes keeps the base characters
        var created = new string(text[..length]);
        _texts.Add(created);
        _codes[created] = -_texts.Count;
        return -_texts.Count;
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
