using System.Text;
using Microsoft.Net.Http.Headers;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// <c>Content-Disposition</c> on the receivers' side: the sender's, sanitized (a multipart <c>form-data</c> becomes
/// <c>attachment</c>; <c>inline</c> stays only for inline-safe types), or per receiver from <c>?download</c> and
/// <c>?filename</c>.
/// </summary>
internal static class Disposition
{
    public const int MaxFileNameLength = 255;

    /// <summary>The sender's disposition as forwarded; <paramref name="fileName"/> gets its file name, if any.</summary>
    public static string? FromSender(string? raw, string? effectiveType, out string? fileName)
    {
        fileName = null;
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var clean = ForwardedHeaders.StripControl(raw.Trim());
        if (ContentDispositionHeaderValue.TryParse(clean, out var parsed))
        {
            fileName = NameOf(parsed);
            var kind = parsed.DispositionType.ToString();
            if (kind.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                return Attachment(fileName is null ? null : SanitizeFileName(fileName));
            if (kind.Equals("inline", StringComparison.OrdinalIgnoreCase) && !ForwardedHeaders.IsInlineSafe(effectiveType))
                return string.Concat("attachment", clean.AsSpan(kind.Length));
        }

        return clean;
    }

    /// <summary>
    /// One receiver's header: <c>?filename=x</c> → attachment named x; <c>?download=false|no|0</c> → none; any other
    /// <c>?download</c> → attachment with the sender's file name, else the path's last segment; neither → the sender's.
    /// </summary>
    public static string? ForReceiver(string? senderDisposition, string? senderFileName, string? download, string? fileName, string key)
    {
        if (fileName is not null) return Attachment(SanitizeFileName(fileName));
        if (download is null) return senderDisposition;
        if (Flags.IsOff(download)) return null;
        return Attachment(SanitizeFileName(senderFileName ?? Engine.PipeKey.BaseName(key)));
    }

    /// <summary>NUL, CR/LF, path separators, leading dots and control characters removed; at most 255 characters.</summary>
    public static string SanitizeFileName(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
            if (!char.IsControl(c) && c is not '/' and not '\\') text.Append(c);
        var clean = text.ToString().TrimStart('.');
        return clean.Length > MaxFileNameLength ? clean[..MaxFileNameLength] : clean;
    }

    /// <summary><c>attachment; filename="…"</c>, plus <c>filename*=UTF-8''…</c> for a non-ASCII name; bare when empty.</summary>
    public static string Attachment(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "attachment";
        var ascii = Ascii.IsValid(name);
        var quoted = new StringBuilder("attachment; filename=\"");
        foreach (var c in name)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else quoted.Append(c < 0x80 ? c : '_');
        }

        quoted.Append('"');
        if (!ascii) quoted.Append("; filename*=UTF-8''").Append(Uri.EscapeDataString(name));
        return quoted.ToString();
    }

    private static string? NameOf(ContentDispositionHeaderValue parsed)
    {
        var star = parsed.FileNameStar.ToString();
        if (star.Length > 0) return star;
        var plain = HeaderUtilities.RemoveQuotes(parsed.FileName).ToString();
        return plain.Length > 0 ? plain : null;
    }
}
