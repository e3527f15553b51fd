using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// A DEC/xterm escape-sequence parser after Paul Williams' state machine, with xterm.js' choices where they differ:
/// ground, escape, CSI (parameters with ':' sub-parameters), OSC (ended by BEL, ST or any ESC), and DCS/SOS/PM/APC
/// strings, which are consumed and ignored. UTF-8 may arrive split across calls; nothing is allocated per byte.
/// </summary>
internal sealed class VtParser(IVtHandler handler)
{
    private const int MaxStringChars = 64 * 1024;
    private const char Several = '\uFFFF';
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly VtParams _params = new();
    private readonly StringBuilder _osc = new();
    private char[] _chars = new char[4096];
    private State _state = State.Ground;
    private int _current;
    private bool _currentSub;
    private char _marker;
    private char _intermediate;
    private char _highSurrogate;

    private enum State
    {
        Ground,
        Escape,
        EscapeIntermediate,
        CsiEntry,
        CsiParam,
        CsiIgnore,
        Osc,
        IgnoredString,
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var needed = _utf8.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var count = _utf8.GetChars(bytes, _chars, flush: false);
        for (var i = 0; i < count; i++)
        {
            if (_state == State.Ground && _highSurrogate == '\0' && IsPrintable(_chars[i]))
            {
                // a run of printable characters: one call for the whole run, as xterm.js' parser does; ASCII is
                // scanned with vector instructions, anything else printable one character at a time
                var chars = _chars.AsSpan(0, count);
                var ascii = true;
                var end = i;
                while (true)
                {
                    var plain = chars[end..].IndexOfAnyExceptInRange(' ', '~');
                    end = plain < 0 ? count : end + plain;
                    if (end == count || !IsPrintable(chars[end])) break;
                    ascii = false;
                    end++;
                }

                handler.Print(chars[i..end], ascii);
                i = end - 1;
                continue;
            }

            Step(_chars[i]);
        }
    }

    /// <summary>Neither a C0 control, DEL nor a C1 control (surrogates count: they come in pairs from the decoder).</summary>
    private static bool IsPrintable(char c) => c >= ' ' && c != '\u007f' && c is < '\u0080' or >= '\u00a0';

    private void Step(char c)
    {
        if (char.IsHighSurrogate(c))
        {
            _highSurrogate = c;
            return;
        }

        int code = c;
        if (char.IsLowSurrogate(c))
        {
            if (_highSurrogate == 0) return;
            code = char.ConvertToUtf32(_highSurrogate, c);
        }

        _highSurrogate = '\0';
        if (_state is State.Osc or State.IgnoredString)
        {
            StringChar(code);
            return;
        }

        if (code < 0x20 || code is >= 0x7f and < 0xa0)
        {
            Control(code);
            return;
        }

        switch (_state)
        {
            case State.Ground: // runs are printed by Feed; this is only a pair completed after a stray high surrogate
                PrintCodePoint(code);
                break;
            case State.Escape:
                EscapeChar(code);
                break;
            case State.EscapeIntermediate:
                if (code <= '/') Collect(code);
                else EscDispatch(code);
                break;
            case State.CsiEntry or State.CsiParam:
                CsiChar(code);
                break;
            case State.CsiIgnore:
                if (code is >= '@' and <= '~') _state = State.Ground;
                break;
        }
    }

    private void PrintCodePoint(int code)
    {
        Span<char> chars = stackalloc char[2];
        var length = new Rune(code).EncodeToUtf16(chars);
        handler.Print(chars[..length], code < 0x7f);
    }

    /// <summary>C0 and C1 controls outside strings: CAN and SUB abort a sequence, ESC starts one, the rest execute in place.</summary>
    private void Control(int code)
    {
        switch (code)
        {
            case 0x1b:
                _state = State.Escape;
                _intermediate = '\0';
                return;
            case 0x18 or 0x1a:
                _state = State.Ground;
                handler.Execute(code);
                return;
            case 0x7f:
                return;
            case 0x9b:
                EnterCsi();
                return;
            case 0x9d:
                EnterOsc();
                return;
            case 0x90 or 0x98 or 0x9e or 0x9f:
                _state = State.IgnoredString;
                return;
            case 0x9c:
                _state = State.Ground;
                return;
        }

        if (code >= 0x80) _state = State.Ground;
        handler.Execute(code);
    }

    private void Collect(int code)
    {
        _intermediate = _intermediate == '\0' ? (char)code : Several;
        _state = State.EscapeIntermediate;
    }

    private void EscDispatch(int code)
    {
        _state = State.Ground;
        handler.EscDispatch((char)code, _intermediate);
    }

    private void EscapeChar(int code)
    {
        switch (code)
        {
            case '[':
                EnterCsi();
                break;
            case ']':
                EnterOsc();
                break;
            case 'P' or 'X' or '^' or '_':
                _state = State.IgnoredString;
                break;
            case <= '/':
                Collect(code);
                break;
            default:
                EscDispatch(code);
                break;
        }
    }

    private void EnterCsi()
    {
        _params.Clear();
        _current = 0;
        _currentSub = false;
        _marker = '\0';
        _intermediate = '\0';
        _state = State.CsiEntry;
    }

    private void EnterOsc()
    {
        _osc.Clear();
        _state = State.Osc;
    }

    private void CsiChar(int code)
    {
        switch (code)
        {
            case >= '0' and <= '9' when _intermediate == '\0':
                _current = Math.Min((Math.Max(_current, 0) * 10) + (code - '0'), 0x7FFFFFF);
                _state = State.CsiParam;
                break;
            case ';' or ':' when _intermediate == '\0':
                _params.Add(_current, _currentSub);
                _currentSub = code == ':';
                _current = _currentSub ? -1 : 0;
                _state = State.CsiParam;
                break;
            case >= '<' and <= '?' when _state == State.CsiEntry:
                _marker = (char)code;
                _state = State.CsiParam;
                break;
            case >= ' ' and <= '/':
                _intermediate = _intermediate == '\0' ? (char)code : Several;
                break;
            case >= '@' and <= '~':
                _params.Add(_current, _currentSub);
                _state = State.Ground;
                handler.CsiDispatch((char)code, _params, _marker, _intermediate);
                break;
            default:
                _state = State.CsiIgnore;
                break;
        }
    }

    /// <summary>OSC ends with BEL, ST or any ESC (which then starts a sequence); the ignored strings end with ESC or ST only.</summary>
    private void StringChar(int code)
    {
        var osc = _state == State.Osc;
        switch (code)
        {
            case 0x1b:
                EndString(osc);
                _state = State.Escape;
                _intermediate = '\0';
                return;
            case 0x9c:
            case 0x07 when osc:
                EndString(osc);
                _state = State.Ground;
                return;
            case 0x18 or 0x1a:
                _state = State.Ground;
                return;
        }

        if (osc && code >= 0x20 && _osc.Length < MaxStringChars) _osc.Append(new Rune(code));
    }

    private void EndString(bool osc)
    {
        if (osc) handler.OscDispatch(_osc.ToString());
        else handler.StringEnd();
    }
}
