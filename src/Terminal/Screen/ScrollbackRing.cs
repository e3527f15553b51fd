using System.Collections;

namespace HoodyKit.Terminal.Screen;

/// <summary>The last lines that scrolled off the main screen, oldest first; the oldest goes when it is full (no copying).</summary>
internal sealed class ScrollbackRing(int capacity) : IReadOnlyList<string>
{
    private string[] _lines = [];
    private int _start;

    public int Count { get; private set; }

    public string this[int index] =>
        (uint)index < (uint)Count ? _lines[(_start + index) % _lines.Length] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(string line)
    {
        if (Count < capacity)
        {
            if (Count == _lines.Length) Grow();
            _lines[(_start + Count) % _lines.Length] = line;
            Count++;
            return;
        }

        _lines[_start] = line;
        _start = (_start + 1) % _lines.Length;
    }

    public void Clear()
    {
        _lines = [];
        _start = 0;
        Count = 0;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Grow()
    {
        var grown = new string[Math.Min(capacity, Math.Max(64, _lines.Length * 2))];
        for (var i = 0; i < Count; i++) grown[i] = this[i];
        _lines = grown;
        _start = 0;
    }
}
