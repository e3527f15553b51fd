using System.Text;

namespace HoodyKit.Terminal.Sessions;

/// <summary>The ttyd-style framing of <c>/api/v1/terminal/ws</c>: one ASCII opcode byte, then the payload.</summary>
internal static class TtyFrames
{
    // client → server
    public const byte Input = (byte)'0';
    public const byte Resize = (byte)'1';
    public const byte Pause = (byte)'2';
    public const byte Resume = (byte)'3';
    public const byte SnapshotAck = (byte)'4';
    public const byte JsonData = (byte)'{';

    // server → client
    public const byte Output = (byte)'0';
    public const byte SetWindowTitle = (byte)'1';
    public const byte SetPreferences = (byte)'2';
    public const byte SetTerminalId = (byte)'3';
    public const byte SetShellType = (byte)'4';
    public const byte SessionResize = (byte)'5';

    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = opcode;
        payload.CopyTo(frame.AsSpan(1));
        return frame;
    }

    public static byte[] Frame(byte opcode, string payload) => Frame(opcode, Encoding.UTF8.GetBytes(payload));
}
