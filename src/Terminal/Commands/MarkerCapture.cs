using System.Globalization;
using System.Text;

namespace HoodyKit.Terminal.Commands;

/// <summary>
/// Watches a session's output for one command's markers, <c>ESC ] 6973;S;id;nonce BEL</c> and
/// <c>ESC ] 6973;E;id;nonce;status BEL</c>, and keeps what came between them (markers may arrive split
/// across reads). The typed line's echo holds the markers only as backslash text, so it never matches.
/// </summary>
internal sealed class MarkerCapture(int id, string nonce)
{
    private const int MaxBytes = 16 * 1024 * 1024;
    private readonly byte[] _start = Encoding.ASCII.GetBytes($"\x1b]6973;S;{id};{nonce}\a");
    private readonly byte[] _end = Encoding.ASCII.GetBytes($"\x1b]6973;E;{id};{nonce};");
    private byte[] _seen = new byte[4096];
    private int _length;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _bodyStart = -1;

    /// <summary>Completes with the command's exit status when the end marker arrives.</summary>
    public Task<int> Ended => _ended.Task;

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_ended.Task.IsCompleted || _length + data.Length > MaxBytes) return;
            if (_length + data.Length > _seen.Length) Array.Resize(ref _seen, Math.Max(_seen.Length * 2, _length + data.Length));
            data.CopyTo(_seen.AsSpan(_length));
            _length += data.Length;
            var all = _seen.AsSpan(0, _length);
            if (_bodyStart < 0)
            {
                var s = all.IndexOf(_start);
                if (s < 0) return;
                _bodyStart = s + _start.Length;
            }

            var body = all[_bodyStart..];
            var e = body.IndexOf(_end);
            if (e < 0) return;
            var rest = body[(e + _end.Length)..];
            var bell = rest.IndexOf((byte)'\a');
            if (bell < 0) return;
            var status = int.TryParse(Encoding.ASCII.GetString(rest[..bell]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1;
            _length = _bodyStart + e;
            _ended.TrySetResult(status);
        }
    }

    /// <summary>The command's output so far, as plain text.</summary>
    public string Output()
    {
        lock (_gate)
        {
            if (_bodyStart < 0) return "";
            return TerminalText.Plain(_seen.AsSpan(_bodyStart, _length - _bodyStart));
        }
    }
}
