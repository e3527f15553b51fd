namespace HoodyKit.Terminal.Screen;

/// <summary>Modes (SM/RM, DECSET/DECRST), the alternate screens, resets and OSC titles.</summary>
internal sealed partial class VtScreen
{
    public void OscDispatch(string payload)
    {
        _joinWidth = 0;
        var semicolon = payload.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0) return;
        if (payload.AsSpan(0, semicolon) is "0" or "2") Title = payload[(semicolon + 1)..];
    }

    public void StringEnd() => _joinWidth = 0;

    private void SetAnsiModes(VtParams p, bool on)
    {
        for (var i = 0; i < p.Count; i++)
        {
            if (p[i] == 4 && !p.IsSub(i)) InsertMode = on;
        }
    }

    private void SetPrivateModes(VtParams p, bool on)
    {
        for (var i = 0; i < p.Count; i++)
        {
            if (!p.IsSub(i)) SetPrivateMode(p[i], on);
        }
    }

    private void SetPrivateMode(int mode, bool on)
    {
        switch (mode)
        {
            case 1: ApplicationCursorKeys = on; break;
            case 2: if (on) ResetCharsets(); break;
            case 6:
                OriginMode = on;
                SetCursor(0, 0);
                break;
            case 7: AutoWrap = on; break;
            case 25: CursorVisible = on; break;
            case 66: ApplicationKeypad = on; break;
            case 9 or 1000 or 1002 or 1003: MouseTracking = on ? mode : 0; break;
            case 1006: SgrMouse = on; break;
            case 1015: UrxvtMouse = on; break;
            case 1005: Utf8Mouse = on; break;
            case 1048:
                if (on) SaveCursor();
                else RestoreCursor();
                break;
            case 1049 or 47 or 1047:
                if (on)
                {
                    if (mode == 1049) SaveCursor();
                    ActivateAlternate();
                }
                else
                {
                    ActivateNormal();
                    if (mode == 1049) RestoreCursor();
                }

                break;
            case 2004: BracketedPaste = on; break;
        }
    }

    /// <summary>The alternate screen starts blank in the current background colour, at the main screen's cursor.</summary>
    private void ActivateAlternate()
    {
        if (AlternateScreen) return;
        var fill = _attributes.Erase;
        for (var r = 0; r < Rows; r++) _alternate.Rows[r] = ScreenBuffer.BlankRow(Columns, fill);
        _alternate.Top = 0;
        _alternate.Bottom = Rows - 1;
        _alternate.Tabs = ScreenBuffer.DefaultTabs(Columns);
        (_alternate.X, _alternate.Y) = (_normal.X, _normal.Y);
        _active = _alternate;
    }

    /// <summary>Back to the main screen, which takes the alternate screen's cursor (xterm.js' choice).</summary>
    private void ActivateNormal()
    {
        if (!AlternateScreen) return;
        (_normal.X, _normal.Y) = (_alternate.X, _alternate.Y);
        _active = _normal;
    }

    /// <summary>
    /// RIS: both screens, the scrollback, modes, attributes and character sets as at the start; the title and the
    /// cursor's visibility stay, as in xterm.js.
    /// </summary>
    private void FullReset()
    {
        _normal = new ScreenBuffer(Columns, Rows, default);
        _alternate = new ScreenBuffer(Columns, Rows, default);
        _active = _normal;
        _scrollback.Clear();
        _graphemes = new GraphemeTable();
        _attributes = default;
        ResetCharsets();
        ResetModes();
        MouseTracking = 0;
        SgrMouse = false;
        UrxvtMouse = false;
        Utf8Mouse = false;
    }

    /// <summary>DECSTR: modes, margins, attributes, character sets and the saved cursor; the screen stays.</summary>
    private void SoftReset()
    {
        CursorVisible = true;
        _active.Top = 0;
        _active.Bottom = Rows - 1;
        _attributes = default;
        ResetModes();
        ResetCharsets();
        _active.SavedX = 0;
        _active.SavedY = LinesAbove;
        _active.SavedAttributes = default;
        _active.SavedLineDrawing = false;
    }

    private void ResetModes()
    {
        ApplicationCursorKeys = ApplicationKeypad = BracketedPaste = OriginMode = InsertMode = false;
        AutoWrap = true;
    }
}
