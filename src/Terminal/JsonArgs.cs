using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal;

/// <summary>Lenient readers for JSON body fields: the reference's clients send numbers as strings and vice versa.</summary>
internal static class JsonArgs
{
    /// <summary>A string, or a number's text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };

    /// <summary>A boolean given as <c>true</c>/<c>false</c> or as the strings and numbers <c>"true"</c>, <c>"1"</c>, <c>1</c>…; null when absent.</summary>
    public static bool? Flag(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => Text(node) is "true" or "1",
    };

    /// <summary>An integer given as a number or a numeric string; null otherwise.</summary>
    public static int? Integer(JsonNode? node) =>
        int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
