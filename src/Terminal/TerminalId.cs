using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal;

/// <summary>Terminal ids are 1–65535, sent as strings (or numbers) and returned as numbers.</summary>
internal static class TerminalId
{
    public const string InvalidMessage = "Terminal ID must be numeric 1-65535";

    public static bool TryParse(string? text, out int id)
    {
        id = 0;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id is >= 1 and <= 65535;
    }

    /// <summary>From a JSON body field: a string or a number; absent is (true, null).</summary>
    public static bool TryParse(JsonNode? node, out int? id)
    {
        id = null;
        if (node is null) return true;
        var text = node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };
        if (!TryParse(text, out var value)) return false;
        id = value;
        return true;
    }
}
