namespace HoodyKit.Terminal.Screen;

/// <summary>
/// The parameters of one control sequence, reused from sequence to sequence (no allocation per sequence). An empty
/// parameter is 0, an empty sub-parameter (after ':') is -1; <see cref="IsSub"/> tells the ones that followed a colon.
/// </summary>
internal sealed class VtParams
{
    public const int Max = 32;
    private readonly int[] _values = new int[Max];
    private readonly bool[] _sub = new bool[Max];

    public int Count { get; private set; }

    public int this[int index] => index < Count ? _values[index] : 0;

    public bool IsSub(int index) => index < Count && _sub[index];

    /// <summary>Parameter <paramref name="index"/>, or <paramref name="fallback"/> when it is missing or 0.</summary>
    public int Or(int index, int fallback) => index < Count && _values[index] > 0 ? _values[index] : fallback;

    public void Clear() => Count = 0;

    public void Add(int value, bool sub)
    {
        if (Count == Max) return;
        _values[Count] = value;
        _sub[Count] = sub;
        Count++;
    }

    /// <summary>Parses <c>1;38:2::1:2:3</c> (the text between CSI and the final byte of an SGR sequence).</summary>
    public static VtParams Parse(ReadOnlySpan<char> text, VtParams into)
    {
        into.Clear();
        var value = -1;
        var sub = false;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9') value = Math.Min((Math.Max(value, 0) * 10) + (c - '0'), 0x7FFFFFFF / 10);
            else if (c is ';' or ':')
            {
                into.Add(value < 0 && !sub ? 0 : value, sub);
                sub = c == ':';
                value = -1;
            }
        }

        into.Add(value < 0 && !sub ? 0 : value, sub);
        return into;
    }
}
