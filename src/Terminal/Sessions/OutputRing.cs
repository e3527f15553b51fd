namespace HoodyKit.Terminal.Sessions;

/// <summary>The last <c>capacity</c> bytes of a session's output (replay for joining clients, <c>/raw</c>).</summary>
internal sealed class OutputRing(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private readonly Lock _gate = new();
    private long _written;

    /// <summary>Total bytes ever written.</summary>
    public long Written { get { lock (_gate) { return _written; } } }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (data.Length >= capacity) data = data[^capacity..];
            var start = (int)(_written % capacity);
            var first = Math.Min(data.Length, capacity - start);
            data[..first].CopyTo(_buffer.AsSpan(start));
            data[first..].CopyTo(_buffer);
            _written += data.Length;
        }
    }

    /// <summary>The retained bytes, oldest first, at most <paramref name="max"/> of the newest.</summary>
    public byte[] Snapshot(int max = int.MaxValue)
    {
        lock (_gate)
        {
            var length = (int)Math.Min(Math.Min(_written, capacity), max);
            var result = new byte[length];
            var end = (int)(_written % capacity);
            var start = (end - length + capacity) % capacity;
            var first = Math.Min(length, capacity - start);
            _buffer.AsSpan(start, first).CopyTo(result);
            _buffer.AsSpan(0, length - first).CopyTo(result.AsSpan(first));
            return result;
        }
    }
}
