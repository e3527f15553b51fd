using System.Text;

namespace HoodyKit.Terminal.Commands;

/// <summary>One execute request: its state, captured output and outcome.</summary>
internal sealed class CommandRun(int id, int terminalId, string command, DateTimeOffset startedAt)
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _status = "queued";
    private string _output = "";
    private int? _exitCode;
    private DateTimeOffset? _finishedAt;

    public int Id => id;

    public int TerminalId => terminalId;

    public string Command => command;

    public DateTimeOffset StartedAt => startedAt;

    /// <summary>A random token in the completion markers, so program output cannot forge them.</summary>
    public string Nonce { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    public Task Finished => _finished.Task;

    public bool IsFinished => _finished.Task.IsCompleted;

    public CommandSnapshot Snapshot()
    {
        lock (_gate) return new CommandSnapshot(id, terminalId, command, _status, _output, _exitCode, startedAt, _finishedAt);
    }

    public void MarkRunning()
    {
        lock (_gate) if (_status == "queued") _status = "running";
    }

    public void UpdateOutput(string output)
    {
        lock (_gate) if (!_finished.Task.IsCompleted) _output = output;
    }

    /// <summary>Settles the command once; later calls are ignored.</summary>
    public bool Finish(string status, string output, int? exitCode, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_finished.Task.IsCompleted) return false;
            _status = status;
            _output = output;
            _exitCode = exitCode;
            _finishedAt = at;
        }

        _finished.TrySetResult();
        return true;
    }
}

/// <summary>A consistent view of a command.</summary>
internal sealed record CommandSnapshot(int Id, int TerminalId, string Command, string Status, string Output, int? ExitCode,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsRunning => Status is "queued" or "running";
}

internal static class TerminalText
{
    /// <summary>Terminal output as plain text: escape sequences removed, CRLF → LF, stray CRs dropped.</summary>
    public static string Plain(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\x1b' && i + 1 < text.Length)
            {
                i = SkipEscape(text, i);
                continue;
            }

            if (c == '\r' || c == '\b' || c == '\a' || c == '\x0e' || c == '\x0f') continue;
            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    public static int SkipEscape(string text, int start)
    {
        var kind = text[start + 1];
        var i = start + 2;
        switch (kind)
        {
            case '[': // CSI: parameters and intermediates, then a final byte 0x40–0x7e
                while (i < text.Length && (text[i] < '@' || text[i] > '~')) i++;
                return Math.Min(i, text.Length - 1);
            case ']' or 'P' or '_' or '^': // OSC, DCS, APC, PM: until BEL or ST
                while (i < text.Length && text[i] != '\a' && !(text[i] == '\x1b' && i + 1 < text.Length && text[i + 1] == '\\')) i++;
                return i < text.Length && text[i] == '\x1b' ? i + 1 : Math.Min(i, text.Length - 1);
            case '(' or ')' or '*' or '+' or '#' or '%':
                return Math.Min(start + 2, text.Length - 1);
            default:
                return start + 1;
        }
    }
}
