using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal.Screen;

/// <summary>One <c>/mouse</c> event and its xterm encoding (SGR 1006, else X10).</summary>
internal sealed record MouseEvent(string Type, int Row, int Col, int Button, int Amount, string? Direction, int Modifiers)
{
    public static MouseEvent? Parse(JsonObject? node)
    {
        if (node is null) return null;
        var type = node["type"]?.GetValueKind() == JsonValueKind.String ? node["type"]!.GetValue<string>() : null;
        if (type is not ("move" or "down" or "up" or "click" or "scroll")) return null;
        var row = Int(node["row"]);
        var col = Int(node["col"]);
        var button = Int(node["button"]) ?? 1;
        var amount = Int(node["amount"]) ?? 1;
        if (row is null or < 0 || col is null or < 0 || button is < 1 or > 5 || amount is < 1 or > 20) return null;
        var direction = node["direction"]?.GetValueKind() == JsonValueKind.String ? node["direction"]!.GetValue<string>() : null;
        if (direction is not (null or "up" or "down")) return null;
        var modifiers = 0;
        if (node["modifiers"] is JsonArray list)
        {
            foreach (var m in list.Select(m => m?.ToString()))
            {
                modifiers |= m switch
                {
                    "shift" => 4,
                    "alt" or "meta" => 8,
                    "ctrl" or "control" => 16,
                    _ => -1,
                };
                if (modifiers < 0) return null;
            }
        }

        return new MouseEvent(type, row.Value, col.Value, button, amount, direction, modifiers);
    }

    /// <summary>The bytes for this event under the program's tracking mode ("" for motion it did not ask for).</summary>
    public string Encode(int tracking, bool sgr)
    {
        var code = (Button switch { 1 => 0, 2 => 1, 3 => 2, 4 => 64, _ => 65 }) | Modifiers;
        return Type switch
        {
            "down" => Report(code, true, sgr),
            "up" => Report(code, false, sgr),
            "click" => Report(code, true, sgr) + Report(code, false, sgr),
            "scroll" => string.Concat(Enumerable.Repeat(Report((Direction switch { "up" => 64, "down" => 65, _ => Button == 5 ? 65 : 64 }) | Modifiers, true, sgr), Amount)),
            _ => tracking == 1003 ? Report(35 | Modifiers, true, sgr) : "",
        };
    }

    private string Report(int code, bool press, bool sgr)
    {
        if (sgr) return string.Create(CultureInfo.InvariantCulture, $"\u001b[<{code};{Col + 1};{Row + 1}{(press ? 'M' : 'm')}");
        var b = press ? code : 3 | Modifiers;
        var text = new StringBuilder("\u001b[M");
        text.Append((char)(32 + b)).Append((char)Math.Min(255, 33 + Col)).Append((char)Math.Min(255, 33 + Row));
        return text.ToString();
    }

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}
