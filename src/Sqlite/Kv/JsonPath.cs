using System.Globalization;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>A path into a JSON value: <c>$.a.b[0]</c> or <c>a.b[0]</c>.</summary>
internal sealed class JsonPath
{
    private readonly List<object> _segments;

    private JsonPath(List<object> segments) => _segments = segments;

    public static JsonPath? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var s = text.StartsWith('$') ? text[1..] : text;
        var segments = new List<object>();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                i++;
                continue;
            }

            if (s[i] == '[')
            {
                var end = s.IndexOf(']', i);
                if (end < 0 || !int.TryParse(s.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw StoreException.Invalid($"Invalid JSON path '{text}'");
                segments.Add(index);
                i = end + 1;
                continue;
            }

            var stop = s.IndexOfAny(['.', '['], i);
            if (stop < 0) stop = s.Length;
            segments.Add(s[i..stop]);
            i = stop;
        }

        return segments.Count == 0 ? null : new JsonPath(segments);
    }

    /// <summary>The node at the path, or null when a step is missing (a JSON null reads as present: see <paramref name="found"/>).</summary>
    public JsonNode? Get(JsonNode? root, out bool found)
    {
        var node = root;
        foreach (var segment in _segments)
        {
            switch (segment, node)
            {
                case (string name, JsonObject obj) when obj.TryGetPropertyValue(name, out var child):
                    node = child;
                    break;
                case (int index, JsonArray array) when index < array.Count:
                    node = array[index];
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        found = true;
        return node;
    }

    /// <summary>Sets the node at the path, creating intermediate objects; returns the (possibly new) root.</summary>
    public JsonNode Set(JsonNode? root, JsonNode? value)
    {
        root ??= _segments[0] is int ? new JsonArray() : new JsonObject();
        var node = root;
        for (var i = 0; i < _segments.Count; i++)
        {
            var last = i == _segments.Count - 1;
            var segment = _segments[i];
            var next = last ? null : _segments[i + 1];
            switch (segment, node)
            {
                case (string name, JsonObject obj):
                    if (last)
                    {
                        obj[name] = value;
                        return root;
                    }

                    if (obj[name] is not (JsonObject or JsonArray)) obj[name] = next is int ? new JsonArray() : new JsonObject();
                    node = obj[name]!;
                    break;
                case (int index, JsonArray array):
                    if (index > array.Count) throw StoreException.Invalid($"Index {index} is beyond the end of the array");
                    if (last)
                    {
                        if (index == array.Count) array.Add(value);
                        else array[index] = value;
                        return root;
                    }

                    if (index == array.Count) array.Add(next is int ? new JsonArray() : new JsonObject());
                    else if (array[index] is not (JsonObject or JsonArray)) array[index] = next is int ? new JsonArray() : new JsonObject();
                    node = array[index]!;
                    break;
                default:
                    throw StoreException.Invalid("The JSON path does not match the shape of the stored value");
            }
        }

        return root;
    }
}
