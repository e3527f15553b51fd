using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The manifest draft of <c>/drop-commit</c>: <c>ctx</c>, the drop cell (<c>r</c> and <c>c</c>, only together), the
/// clip-read nonce <c>cr</c> (kept only when it is 1–64 of <c>[A-Za-z0-9_-]</c>, else ignored, as the reference says),
/// and the items <c>{p, d, s, name, h?}</c>.
/// </summary>
internal sealed record ManifestDraft(string Ctx, int? Row, int? Column, string? ClipRead, IReadOnlyList<ManifestItem> Items)
{
    /// <summary>Reads a draft; a malformed one is <see cref="DropProblem.InvalidManifest"/>, too many items <see cref="DropProblem.TooManyItems"/>.</summary>
    public static DropResult<ManifestDraft> Parse(JsonObject? body, int maxItems)
    {
        if (body is null) return Invalid("a JSON body {ctx, items} is required");
        var (ctx, row, column, clipRead) = Header(body);
        if (ctx is null) return Invalid("ctx must be \"drop\" or \"paste\"");
        if (body["items"] is not JsonArray array || array.Count == 0) return Invalid("items must be a non-empty array of {p, d, s, name, h}");
        if (array.Count > maxItems) return new DropFailure(DropProblem.TooManyItems, $"A drop holds at most {maxItems} items");

        var items = new List<ManifestItem>(array.Count);
        foreach (var node in array)
        {
            var item = ReadItem(node as JsonObject, out var problem);
            if (item is null) return Invalid(problem!);
            items.Add(item);
        }

        if (ShapeProblem(items) is { } shape) return Invalid(shape);
        return DropResult<ManifestDraft>.Ok(new ManifestDraft(ctx, row, column, clipRead, items));
    }

    /// <summary>
    /// The fields a commit and a one-shot drop share: <c>ctx</c> (null unless <c>drop</c> or <c>paste</c>), the cell
    /// (both or neither, non-negative), and the clip-read nonce (null unless valid).
    /// </summary>
    public static (string? Ctx, int? Row, int? Column, string? ClipRead) Header(JsonObject body)
    {
        var ctx = body["ctx"]?.GetValueKind() == JsonValueKind.String && body["ctx"]!.GetValue<string>() is "drop" or "paste"
            ? body["ctx"]!.GetValue<string>() : null;
        var (row, column) = (JsonArgs.Integer(body["r"]), JsonArgs.Integer(body["c"]));
        var cell = row is >= 0 && column is >= 0;
        return (ctx, cell ? row : null, cell ? column : null, ClipReadNonce(body["cr"]));
    }

    /// <summary>The nonce when it is valid; anything else is ignored (not an error).</summary>
    private static string? ClipReadNonce(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { Length: >= 1 and <= 64 } text
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? text : null;

    private static ManifestItem? ReadItem(JsonObject? item, out string? problem)
    {
        problem = null;
        if (item is null) return Fail("each item must be an object {p, d, s, name, h}", out problem);
        var path = item["p"]?.GetValueKind() == JsonValueKind.String ? item["p"]!.GetValue<string>() : null;
        if (DropPath.Problem(path) is { } pathProblem) return Fail($"item p '{path}': {pathProblem}", out problem);
        bool? isDirectory = item["d"]?.GetValueKind() switch
        {
            null or JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.True => true,
            _ => JsonArgs.Text(item["d"]) switch { "0" => false, "1" => true, _ => null },
        };
        if (isDirectory is null) return Fail($"item '{path}': d must be 0 or 1", out problem);
        long size = 0;
        if (!isDirectory.Value && !long.TryParse(JsonArgs.Text(item["s"]), NumberStyles.None, CultureInfo.InvariantCulture, out size))
            return Fail($"item '{path}': s must be the file's size in bytes", out problem);
        var name = item["name"]?.GetValueKind() == JsonValueKind.String ? item["name"]!.GetValue<string>() : path![(path!.LastIndexOf('/') + 1)..];
        if (name.Length > 1024) return Fail($"item '{path}': name is longer than 1024 characters", out problem);
        string? sha256 = null;
        if (item["h"] is { } h && h.GetValueKind() != JsonValueKind.Null)
        {
            sha256 = h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>().ToLowerInvariant() : null;
            if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigit)) return Fail($"item '{path}': h must be a SHA-256 in 64 hex digits", out problem);
        }

        return new ManifestItem(path!, isDirectory.Value, size, name, sha256);
    }

    /// <summary>No path twice, and no file with another item inside it.</summary>
    private static string? ShapeProblem(List<ManifestItem> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
            if (!seen.Add(item.Path)) return $"item '{item.Path}' is listed twice";
        var files = items.Where(i => !i.IsDirectory).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
            if (DropPath.Parents(item.Path).FirstOrDefault(files.Contains) is { } parent) return $"item '{item.Path}' is inside '{parent}', which is a file";
        return null;
    }

    private static ManifestItem? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }

    private static DropFailure Invalid(string message) => new(DropProblem.InvalidManifest, message);
}

/// <summary>One manifest entry: a file (<c>d:0</c>, <c>s</c> bytes, optional <c>h</c>) or an empty folder (<c>d:1</c>).</summary>
internal sealed record ManifestItem(string Path, bool IsDirectory, long Size, string Name, string? Sha256);
