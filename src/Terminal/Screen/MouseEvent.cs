using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Terminal.Screen;

/// <summary>One <c>/mouse</c> event and its xterm encoding (SGR 1006, urxvt 1015, UTF-8 1005, else X10).</summary>
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

    /// <summary>The bytes for this event under the program's tracking mode and encoding (none for motion it did not ask for).</summary>
    public byte[] Encode(int tracking, MouseEncoding encoding)
    {
        var code = (Button switch { 1 => 0, 2 => 1, 3 => 2, 4 => 64, _ => 65 }) | Modifiers;
        var bytes = new List<byte>();
        switch (Type)
        {
            case "down":
                Report(bytes, code, true, encoding);
                break;
            case "up":
                Report(bytes, code, false, encoding);
                break;
            case "click":
                Report(bytes, code, true, encoding);
                Report(bytes, code, false, encoding);
                break;
            case "scroll":
                var wheel = (Direction switch { "up" => 64, "down" => 65, _ => Button == 5 ? 65 : 64 }) | Modifiers;
                for (var i = 0; i < Amount; i++) Report(bytes, wheel, true, encoding);
                break;
            default:
                if (tracking == 1003) Report(bytes, 35 | Modifiers, true, encoding);
                break;
        }

        return [.. bytes];
    }

    private void Report(List<byte> bytes, int code, bool press, MouseEncoding encoding)
    {
        // every encoding but SGR reports a release as button 3 (which one is not said)
        var b = press || encoding == MouseEncoding.Sgr ? code : 3 | Modifiers;
        switch (encoding)
        {
            case MouseEncoding.Sgr:
                bytes.AddRange(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\u001b[<{code};{Col + 1};{Row + 1}{(press ? 'M' : 'm')}")));
                break;
            case MouseEncoding.Urxvt:
                bytes.AddRange(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\u001b[{32 + b};{Col + 1};{Row + 1}M")));
                break;
            case MouseEncoding.Utf8:
                // each value is 32 + n as one UTF-8 character (coordinates up to 2015)
                bytes.AddRange(Encoding.UTF8.GetBytes($"\u001b[M{(char)(32 + b)}{(char)Math.Min(2047, 33 + Col)}{(char)Math.Min(2047, 33 + Row)}"));
                break;
            default:
                // X10: raw bytes, so coordinates stop at 223 (32 + 1 + 222 = 255)
                bytes.AddRange([0x1b, (byte)'[', (byte)'M', (byte)(32 + b), (byte)Math.Min(255, 33 + Col), (byte)Math.Min(255, 33 + Row)]);
                break;
        }
    }

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}

/// <summary>How mouse reports are encoded (DECSET 1006, 1015, 1005, or none of them).</summary>
internal enum MouseEncoding
{
    X10,
    Utf8,
    Urxvt,
    Sgr,
}
