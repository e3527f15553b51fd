using System.Text.Json;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Reading small JSON request bodies by hand (no reflection): malformed JSON and wrong types are 400 <c>INVALID_PARAMETERS</c>.</summary>
internal static class BodyJson
{
    public static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw StoreException.Invalid("Malformed JSON body: " + ex.Message);
        }
    }

    public static JsonElement Property(JsonDocument doc, string name) =>
        doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value) ? value : default;

    public static List<string> StringList(JsonElement element, string name, int max)
    {
        if (element.ValueKind != JsonValueKind.Array) throw StoreException.Invalid($"{name} must be an array of strings");
        if (element.GetArrayLength() > max) throw StoreException.Invalid($"At most {max} {name} per batch");
        return [.. element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw StoreException.Invalid($"{name} must be an array of strings"))];
    }
}
