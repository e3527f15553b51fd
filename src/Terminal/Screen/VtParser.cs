using System.Text;

namespace HoodyKit.Terminal.Screen;

/// <summary>What the parser found, for the screen model.</summary>
internal interface IVtHandler
{
    void Print(string grapheme);

    void Execute(char control);

    void EscDispatch(char final, string intermediates);

    void CsiDispatch(char final, IReadOnlyList<int> parameters, char? marker, string intermediates);

    void OscDispatch(string payload);
}

/// <summary>
/// A DEC/xterm escape-sequence parser after Paul Williams' state machine (ground, escape, CSI, OSC, and
/// DCS/SOS/PM/APC strings, which are consumed and ignored). UTF-8 may arrive split across calls.
/// </summary>
internal sealed class VtParser(IVtHandler handler)
{
    private const int MaxParams = 32;
    private const int MaxStringBytes = 64 * 1024;
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly List<int> _params = [];
    private readonly StringBuilder _intermediates = new();
    private readonly StringBuilder _osc = new();
    private char[] _chars = new char[4096];
    private State _state = State.Ground;
    private int _current = -1;
    private char? _marker;
    private char _highSurrogate;
    private bool _stringEscape;

    private enum State
    {
        Ground,
        Escape,
        EscapeIntermediate,
        Csi,
        CsiIgnore,
        Osc,
        IgnoredString,
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var needed = _utf8.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var count = _utf8.GetChars(bytes, _chars, flush: false);
        for (var i = 0; i < count; i++) Step(_chars[i]);
    }

    private void Step(char c)
    {
        switch (_state)
        {
            case State.Osc:
                StringByte(c, osc: true);
                return;
            case State.IgnoredString:
                StringByte(c, osc: false);
                return;
        }

        if (c == '\x1b')
        {
            _state = State.Escape;
            _intermediates.Clear();
            return;
        }

        if (c < 0x20 || c == 0x7f)
        {
            if (c is '\x18' or '\x1a') _state = State.Ground; // CAN, SUB abort a sequence
            else if (c != 0x7f) handler.Execute(c);
            return;
        }

        switch (_state)
        {
            case State.Ground:
                PrintChar(c);
                break;
            case State.Escape:
                EscapeChar(c);
                break;
            case State.EscapeIntermediate:
                if (c is >= ' ' and <= '/') _intermediates.Append(c);
                else
                {
                    handler.EscDispatch(c, _intermediates.ToString());
                    _state = State.Ground;
                }

                break;
            case State.Csi:
                CsiChar(c);
                break;
            case State.CsiIgnore:
                if (c is >= '@' and <= '~') _state = State.Ground;
                break;
        }
    }

    private void PrintChar(char c)
    {
        if (char.IsHighSurrogate(c))
        {
            _highSurrogate = c;
            return;
        }

        if (char.IsLowSurrogate(c) && _highSurrogate != 0)
        {
            handler.Print(new string([_highSurrogate, c]));
            _highSurrogate = '\0';
            return;
        }

        _highSurrogate = '\0';
        handler.Print(c.ToString());
    }

    private void EscapeChar(char c)
    {
        switch (c)
        {
            case '[':
                _params.Clear();
                _intermediates.Clear();
                _current = -1;
                _marker = null;
                _state = State.Csi;
                break;
            case ']':
                _osc.Clear();
                _stringEscape = false;
                _state = State.Osc;
                break;
            case 'P' or 'X' or '^' or '_':
                _stringEscape = false;
                _state = State.IgnoredString;
                break;
            case >= ' ' and <= '/':
                _intermediates.Append(c);
                _state = State.EscapeIntermediate;
                break;
            default:
                handler.EscDispatch(c, "");
                _state = State.Ground;
                break;
        }
    }

    private void CsiChar(char c)
    {
        if (c is >= '0' and <= '9')
        {
            _current = Math.Min(((_current < 0 ? 0 : _current) * 10) + (c - '0'), 65535);
        }
        else if (c is ';' or ':')
        {
            if (_params.Count < MaxParams) _params.Add(_current < 0 ? -1 : _current);
            _current = -1;
        }
        else if (c is >= '<' and <= '?')
        {
            if (_params.Count == 0 && _current < 0 && _marker is null) _marker = c;
            else _state = State.CsiIgnore;
        }
        else if (c is >= ' ' and <= '/')
        {
            _intermediates.Append(c);
        }
        else if (c is >= '@' and <= '~')
        {
            if (_current >= 0 || _params.Count > 0) _params.Add(_current);
            handler.CsiDispatch(c, _params, _marker, _intermediates.ToString());
            _state = State.Ground;
        }
    }

    /// <summary>OSC and ignored strings end with BEL or ST (ESC \).</summary>
    private void StringByte(char c, bool osc)
    {
        if (_stringEscape)
        {
            _stringEscape = false;
            if (c == '\\')
            {
                Finish(osc);
                return;
            }
        }

        if (c == '\x1b')
        {
            _stringEscape = true;
            return;
        }

        if (c == '\a')
        {
            Finish(osc);
            return;
        }

        if (osc && _osc.Length < MaxStringBytes) _osc.Append(c);
    }

    private void Finish(bool osc)
    {
        if (osc) handler.OscDispatch(_osc.ToString());
        _state = State.Ground;
    }
}
