using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>
/// Reads typed fields from a JSON request body and keeps the first error, worded as the daemon's
/// reference words them (<c>Field 'command' is required and must be a non-empty string</c>, …).
/// </summary>
internal sealed class FieldReader(JsonObject body)
{
    public string? Error { get; private set; }

    public bool Has(string name) => body.ContainsKey(name);

    public string? RequiredString(string name)
    {
        if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0)
            return v.GetValue<string>();
        return Fail($"Field '{name}' is required and must be a non-empty string");
    }

    public string? OptionalString(string name)
    {
        var node = body[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        return Fail($"Field '{name}' must be a string");
    }

    public string? AbsolutePath(string name)
    {
        var value = OptionalString(name);
        if (value is not null && !value.StartsWith('/')) return Fail($"Field '{name}' must be an absolute path (starting with /)");
        return value;
    }

    public bool? Bool(string name)
    {
        var node = body[name];
        if (node is null) return null;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => FailStruct<bool>($"Field '{name}' must be a boolean"),
        };
    }

    public long? Integer(string name, long min, long max)
    {
        var node = body[name];
        if (node is null) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<long>(out var number))
        {
            if (node is JsonValue d && d.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= long.MinValue and <= long.MaxValue)
                number = (long)real;
            else
                return FailStruct<long>($"Field '{name}' must be an integer");
        }

        if (number < min || number > max)
        {
            return FailStruct<long>(max == long.MaxValue
                ? $"Field '{name}' must be at least {min}"
                : $"Field '{name}' must be between {min} and {max}");
        }

        return number;
    }

    /// <summary><c>"true"</c>, <c>"false"</c>, <c>"unexpected"</c>; JSON booleans are accepted and emitted as strings.</summary>
    public string? Autorestart()
    {
        var node = body["autorestart"];
        if (node is null) return null;
        var text = node.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.String => node.GetValue<string>().ToLowerInvariant(),
            _ => null,
        };
        return text is "true" or "false" or "unexpected" ? text : Fail("Field 'autorestart' must be one of: true, false, unexpected");
    }

    /// <summary>An object whose values are coerced to strings (numbers, booleans; nested JSON as text).</summary>
    public Dictionary<string, string>? StringMap(string name) => StringMap(body[name], name);

    public Dictionary<string, string>? StringMap(JsonNode? node, string name)
    {
        if (node is null) return null;
        if (node is not JsonObject map)
        {
            Fail($"Field '{name}' must be an object");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
            result[key] = Coerce(value);
        return result;
    }

    /// <summary><c>:N</c> from <c>1</c>, <c>"1"</c>, <c>":1"</c>, <c>":1.0"</c>; null clears it.</summary>
    public string? Display(out bool cleared)
    {
        cleared = false;
        var node = body["display"];
        if (node is null)
        {
            cleared = Has("display");
            return null;
        }

        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>().Trim(),
            _ => null,
        };
        if (text is null || text.Length == 0) return Fail("Field 'display' must be a display number such as \":1\"");
        return text.StartsWith(':') ? text : ":" + text;
    }

    public JsonObject? Object(string name)
    {
        var node = body[name];
        if (node is JsonObject value) return value;
        if (node is not null) Fail($"Field '{name}' must be an object");
        return null;
    }

    public string? Fail(string message)
    {
        Error ??= message;
        return null;
    }

    private T? FailStruct<T>(string message) where T : struct
    {
        Error ??= message;
        return null;
    }

    private static string Coerce(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "",
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => value.ToJsonString(),
    };

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
