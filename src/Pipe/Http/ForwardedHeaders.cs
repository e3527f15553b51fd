using HoodyKit.Pipe.Engine;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// What a sender's headers become on the receivers' side (guide "Headers forwarded from sender", design/pipe.md §4):
/// scriptable types become <c>text/plain</c>, parameters other than a safe charset are dropped, custom headers lose
/// control characters and are capped.
/// </summary>
internal static class ForwardedHeaders
{
    public const int MaxCustomHeaderLength = 8 * 1024;

    public static readonly string[] CustomHeaderNames = ["X-Piping", "X-Hoody-Pipe"];

    private static readonly HashSet<string> s_scriptable = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/xsl", "application/xslt+xml",
        "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript",
        "multipart/x-mixed-replace", "application/x-shockwave-flash",
    };

    /// <summary>The headers of a plain (non-multipart) sender.</summary>
    public static TransferHeaders FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = ContentType(request.ContentType);
        var disposition = Disposition.FromSender(request.Headers.ContentDisposition.ToString(), type, out var fileName);
        return new TransferHeaders(type, request.ContentLength is >= 0 and var length ? length : null, disposition, fileName, Custom(request.Headers));
    }

    /// <summary>The effective type: null when none was sent, <c>text/plain</c> for scriptable ones, one safe charset kept.</summary>
    public static string? ContentType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (!MediaTypeHeaderValue.TryParse(raw, out var parsed) || parsed.MediaType.Length == 0) return "application/octet-stream";
        var media = parsed.MediaType.ToString().ToLowerInvariant();
        if (s_scriptable.Contains(media) || media.EndsWith("+xml", StringComparison.Ordinal) || HasControl(media)) media = "text/plain";
        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset).ToString();
        return IsSafeCharset(charset) ? $"{media}; charset={charset}" : media;
    }

    /// <summary>Whether a browser may show this type inline (image/audio/video except SVG, text/plain, PDF).</summary>
    public static bool IsInlineSafe(string? contentType)
    {
        if (contentType is null) return false;
        var media = contentType.Split(';', 2)[0].Trim();
        if (media.Equals("image/svg+xml", StringComparison.OrdinalIgnoreCase)) return false;
        return media.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || media.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || media.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every <c>X-Piping</c> and <c>X-Hoody-Pipe</c> value, control characters stripped; over-long ones dropped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Custom(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        List<KeyValuePair<string, string>>? found = null;
        foreach (var name in CustomHeaderNames)
        {
            if (!headers.TryGetValue(name, out StringValues values)) continue;
            foreach (var value in values)
            {
                if (value is null || value.Length > MaxCustomHeaderLength) continue;
                (found ??= []).Add(new(name, StripControl(value)));
            }
        }

        return found ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }

    /// <summary>The text without control characters (CR, LF, NUL, …).</summary>
    public static string StripControl(string value)
    {
        if (!HasControl(value)) return value;
        return string.Create(value.Length - value.Count(char.IsControl), value, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
                if (!char.IsControl(c)) span[i++] = c;
        });
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
            if (char.IsControl(c)) return true;
        return false;
    }

    private static bool IsSafeCharset(string charset)
    {
        if (charset.Length is 0 or > 40) return false;
        foreach (var c in charset)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) return false;
        return true;
    }
}
