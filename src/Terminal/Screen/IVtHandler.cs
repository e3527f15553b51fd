namespace HoodyKit.Terminal.Screen;

/// <summary>What the parser found, for the screen model. No call allocates.</summary>
internal interface IVtHandler
{
    /// <summary>
    /// A run of printable characters in the ground state (surrogate pairs whole), as xterm.js' parser hands them on;
    /// <paramref name="ascii"/> when every one is printable ASCII (0x20–0x7E).
    /// </summary>
    void Print(ReadOnlySpan<char> run, bool ascii);

    /// <summary>A C0 control, or one of the C1 controls IND, NEL and HTS (0x84, 0x85, 0x88).</summary>
    void Execute(int control);

    /// <summary>ESC, at most one intermediate byte (0 for none; 0xFFFF when there were several), the final byte.</summary>
    void EscDispatch(char final, char intermediate);

    /// <summary>CSI with its parameters, private marker (<c>?</c>, <c>&gt;</c>, … or 0) and intermediate byte (0 for none).</summary>
    void CsiDispatch(char final, VtParams parameters, char marker, char intermediate);

    void OscDispatch(string payload);

    /// <summary>A DCS, SOS, PM or APC string ended (their contents are ignored).</summary>
    void StringEnd();
}
