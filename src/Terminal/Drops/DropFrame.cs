using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The frame a commit writes into the terminal's input, for the program in the terminal to read:
/// <c>ESC ] 8472 ; v=1;id=&lt;drop&gt;;ctx=&lt;drop|paste&gt;;root=&lt;base64url of the drop folder&gt;;sha256=&lt;manifest.json's SHA-256&gt;[;r=&lt;row&gt;;c=&lt;col&gt;][;cr=&lt;nonce&gt;] BEL</c>.
/// Every value is base64url, hex, decimal or <c>[A-Za-z0-9_-]</c>, so none can hold <c>;</c>, ESC or BEL. The
/// program reads <c>&lt;root&gt;/manifest.json</c>, checks its SHA-256 against the frame, and finds the files under
/// <c>&lt;root&gt;/files/</c>.
/// </summary>
internal static class DropFrame
{
    public const int OscNumber = 8472;

    public static byte[] Build(string dropId, string ctx, string root, string manifestSha256, int? row, int? column, string? clipRead)
    {
        var frame = new StringBuilder("\u001b]", 256)
            .Append(OscNumber.ToString(CultureInfo.InvariantCulture))
            .Append(";v=1;id=").Append(dropId)
            .Append(";ctx=").Append(ctx)
            .Append(";root=").Append(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(root)))
            .Append(";sha256=").Append(manifestSha256);
        if (row is { } r && column is { } c) frame.Append(CultureInfo.InvariantCulture, $";r={r};c={c}");
        if (clipRead is not null) frame.Append(";cr=").Append(clipRead);
        return Encoding.ASCII.GetBytes(frame.Append('\a').ToString());
    }
}
