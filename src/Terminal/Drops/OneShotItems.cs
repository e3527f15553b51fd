using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The items of a one-shot <c>/drop</c>: <c>{name, b64}</c> files and <c>{name, dir:true, items:[…]}</c> folders,
/// flattened into the files to stage (path and bytes) and the manifest they make (folders without items become
/// <c>d:1</c> entries; the others are implied by their files).
/// </summary>
internal sealed record OneShotItems(IReadOnlyList<(string Path, byte[] Bytes)> Files, IReadOnlyList<ManifestItem> Manifest)
{
    public static DropResult<OneShotItems> Parse(JsonNode? items, int maxItems)
    {
        if (items is not JsonArray array || array.Count == 0)
            return Invalid("items must be a non-empty array of {name, b64} or {name, dir:true, items:[…]}");
        var files = new List<(string, byte[])>();
        var manifest = new List<ManifestItem>();
        var failure = Walk(array, "", 1, files, manifest, maxItems);
        return failure ?? DropResult<OneShotItems>.Ok(new OneShotItems(files, manifest));
    }

    private static DropFailure? Walk(JsonArray array, string prefix, int depth, List<(string, byte[])> files, List<ManifestItem> manifest, int maxItems)
    {
        if (depth > DropPath.MaxDepth) return Invalid($"folders nest at most {DropPath.MaxDepth} deep");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in array)
        {
            if (node is not JsonObject item) return Invalid("each item must be an object {name, b64} or {name, dir:true, items:[…]}");
            var name = item["name"]?.GetValueKind() == JsonValueKind.String ? item["name"]!.GetValue<string>() : null;
            if (DropPath.NameProblem(name) is { } problem) return Invalid($"item name '{name}': {problem}");
            if (!names.Add(name!)) return Invalid($"'{prefix}{name}' is listed twice");
            var path = prefix + name;
            if (manifest.Count >= maxItems) return new DropFailure(DropProblem.TooManyItems, $"A drop holds at most {maxItems} items");
            if (item["dir"]?.GetValueKind() == JsonValueKind.True)
            {
                var children = item["items"] as JsonArray;
                if (item["items"] is not null && children is null) return Invalid($"'{path}': items must be an array");
                if (children is null || children.Count == 0)
                {
                    manifest.Add(new ManifestItem(path, true, 0, name!, null));
                    continue;
                }

                if (Walk(children, path + "/", depth + 1, files, manifest, maxItems) is { } failure) return failure;
                continue;
            }

            if (Decode(item["b64"]) is not { } bytes) return Invalid($"'{path}': b64 must be the file's content in base64");
            files.Add((path, bytes));
            manifest.Add(new ManifestItem(path, false, bytes.Length, name!, null));
        }

        return null;
    }

    /// <summary>Standard base64, or base64url; null for anything else.</summary>
    private static byte[]? Decode(JsonNode? node)
    {
        if (node?.GetValueKind() != JsonValueKind.String) return null;
        var text = node.GetValue<string>();
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (Convert.TryFromBase64String(text, buffer, out var written)) return buffer[..written];
        return Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
    }

    private static DropFailure Invalid(string message) => new(DropProblem.InvalidManifest, message);
}
