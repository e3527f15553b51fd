using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>Reading stored bytes as JSON and writing JSON back as stored bytes.</summary>
internal static class KvJson
{
    public const string JsonType = "application/json";

    /// <summary>Parses stored bytes; 400 "not JSON" when they are not.</summary>
    public static JsonNode? Parse(byte[] value, string what = "The stored value")
    {
        try
        {
            return JsonNode.Parse(value, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw StoreException.Invalid($"{what} is not JSON");
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> value, out JsonNode? node)
    {
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 64 });
            node = JsonNode.Parse(ref reader);
            return !reader.Read() || reader.TokenType == JsonTokenType.None;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>Whether <paramref name="value"/> is one complete JSON value (validated without building it).</summary>
    public static bool IsJson(ReadOnlySpan<byte> value)
    {
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static byte[] Bytes(JsonNode? node) => node is null ? "null"u8.ToArray() : Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>A value embedded in a JSON reply: parsed JSON, text as a string, binary as base64.</summary>
    public static JsonNode? Embed(byte[] value, string? contentType)
    {
        if (contentType?.StartsWith(JsonType, StringComparison.OrdinalIgnoreCase) == true && TryParse(value, out var node)) return node;
        return Utf8.IsValid(value) ? JsonValue.Create(Encoding.UTF8.GetString(value)) : JsonValue.Create(Convert.ToBase64String(value));
    }

    /// <summary>A value as text for history listings: the raw text (base64 when binary).</summary>
    public static string Text(byte[] value) => Utf8.IsValid(value) ? Encoding.UTF8.GetString(value) : Convert.ToBase64String(value);

    /// <summary>CAS equality: byte-equal, or JSON-equal when both parse.</summary>
    public static bool SameValue(byte[] stored, byte[] expected)
    {
        if (stored.AsSpan().SequenceEqual(expected)) return true;
        return TryParse(stored, out var a) && TryParse(expected, out var b) && JsonNode.DeepEquals(a, b);
    }

    /// <summary>
    /// The content type to store for a request body: the request's, or sniffed when absent, curl's form
    /// default, or <c>application/json</c> on a body that is not JSON (the platform's client types every body as JSON).
    /// </summary>
    public static string ContentType(string? requested, ReadOnlySpan<byte> body)
    {
        if (!string.IsNullOrWhiteSpace(requested) && !requested.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && !(requested.StartsWith(JsonType, StringComparison.OrdinalIgnoreCase) && !IsJson(body)))
            return requested;

        if (IsJson(body)) return JsonType;
        return Utf8.IsValid(body) ? "text/plain; charset=utf-8" : "application/octet-stream";
    }
}
