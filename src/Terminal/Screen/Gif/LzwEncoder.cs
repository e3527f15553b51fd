namespace HoodyKit.Terminal.Screen.Gif;

/// <summary>
/// GIF's variable-width LZW (GIF89a spec, appendix F): codes start one bit wider than the minimum code size,
/// grow to at most 12 bits, and a clear code restarts the table when all 4096 codes are taken. Codes are packed
/// least significant bit first.
/// </summary>
internal static class LzwEncoder
{
    private const int MaxCodes = 4096;
    private const int MaxCodeBits = 12;

    /// <summary>The packed code stream for <paramref name="indices"/> (not yet cut into sub-blocks).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> indices, int minCodeSize)
    {
        if (minCodeSize is < 2 or > 8) throw new ArgumentOutOfRangeException(nameof(minCodeSize), minCodeSize, "GIF minimum code size is 2-8");
        var clear = 1 << minCodeSize;
        var end = clear + 1;
        var output = new BitWriter();
        var table = new Dictionary<int, int>();
        var codeBits = minCodeSize + 1;
        var next = end + 1;
        output.Write(clear, codeBits);
        if (indices.IsEmpty)
        {
            output.Write(end, codeBits);
            return output.ToArray();
        }

        int prefix = indices[0];
        for (var i = 1; i < indices.Length; i++)
        {
            var symbol = indices[i];
            var key = (prefix << 8) | symbol;
            if (table.TryGetValue(key, out var code))
            {
                prefix = code;
                continue;
            }

            output.Write(prefix, codeBits);
            if (next < MaxCodes)
            {
                table[key] = next++;
                // the decoder builds each entry one code later, so it widens once `next` has passed the width
                if (next > (1 << codeBits) && codeBits < MaxCodeBits) codeBits++;
            }
            else
            {
                output.Write(clear, codeBits);
                table.Clear();
                codeBits = minCodeSize + 1;
                next = end + 1;
            }

            prefix = symbol;
        }

        output.Write(prefix, codeBits);
        output.Write(end, codeBits);
        return output.ToArray();
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _pending;
        private int _pendingBits;

        public void Write(int code, int bits)
        {
            _pending |= code << _pendingBits;
            _pendingBits += bits;
            while (_pendingBits >= 8)
            {
                _bytes.Add((byte)_pending);
                _pending >>= 8;
                _pendingBits -= 8;
            }
        }

        public byte[] ToArray()
        {
            if (_pendingBits > 0) _bytes.Add((byte)_pending);
            _pending = 0;
            _pendingBits = 0;
            return _bytes.ToArray();
        }
    }
}
