using System.Text;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The relative paths of a drop (<c>/upload</c>'s <c>path</c>, a manifest's <c>p</c>, a one-shot item's <c>name</c>):
/// <c>/</c>-separated names that can only ever land inside the drop's folder.
/// </summary>
internal static class DropPath
{
    public const int MaxBytes = 4096;
    public const int MaxNameBytes = 255;
    public const int MaxDepth = 64;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when <paramref name="path"/> is a safe relative path, else why it is not (a 400 for the caller).</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "path is required";
        if (path.StartsWith('/')) return "path must be relative, not absolute";
        if (path.Any(c => c < 0x20 || c == 0x7f)) return "path must not contain NUL or control characters";
        if (path.Contains('\\', StringComparison.Ordinal)) return "path must use '/' between names, not '\\'";
        int bytes;
        try
        {
            bytes = s_strictUtf8.GetByteCount(path);
        }
        catch (EncoderFallbackException)
        {
            return "path must be valid Unicode";
        }

        if (bytes > MaxBytes) return $"path must be at most {MaxBytes} bytes";
        var names = path.Split('/');
        if (names.Length > MaxDepth) return $"path must be at most {MaxDepth} names deep";
        foreach (var name in names)
        {
            if (name.Length == 0) return "path must not have empty names ('//', or a '/' at the end)";
            if (name is "." or "..") return "path must not contain '.' or '..'";
            if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes) return $"each name in path must be at most {MaxNameBytes} bytes";
        }

        return null;
    }

    /// <summary>Null when <paramref name="name"/> is one safe name (no <c>/</c>), else why not.</summary>
    public static string? NameProblem(string? name) =>
        name is not null && name.Contains('/', StringComparison.Ordinal) ? "name must be one name, without '/'" : Problem(name);

    /// <summary>The folders above <paramref name="path"/>, outermost first (<c>a/b/c</c> → <c>a</c>, <c>a/b</c>).</summary>
    public static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
            yield return path[..slash];
    }
}
