using System.Text.Json;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Sql;

/// <summary>
/// One item of a <c>POST /db</c> transaction (ws4sqlite's format). <c>ValueSets</c>: none (no values),
/// one (<c>values</c>) or many (<c>valuesBatch</c>), each an array or an object; <c>Batched</c>: values
/// were given, so the result carries <c>rowsUpdatedBatch</c>.
/// </summary>
internal sealed record SqlItem(string Sql, IReadOnlyList<JsonElement> ValueSets, bool Batched, bool NoFail);

/// <summary>A parsed <c>POST /db</c> body; owns the JSON document its values point into.</summary>
internal sealed class SqlRequest(JsonDocument document, IReadOnlyList<SqlItem> items, bool listFormat) : IDisposable
{
    public IReadOnlyList<SqlItem> Items { get; } = items;

    /// <summary>Rows as arrays (<c>resultFormat</c> <c>list</c>/<c>array</c>) instead of objects.</summary>
    public bool ListFormat { get; } = listFormat;

    public void Dispose() => document.Dispose();

    /// <summary>Parses the body whatever its content type; 400 <c>INVALID_PARAMETERS</c> naming the problem (with <c>reqIdx</c>).</summary>
    public static SqlRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw StoreException.Invalid("Malformed JSON body: " + ex.Message);
        }

        try
        {
            return Build(document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static SqlRequest Build(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw StoreException.Invalid("The body must be a JSON object with a 'transaction' array");
        var listFormat = false;
        if (root.TryGetProperty("resultFormat", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            var name = format.ValueKind == JsonValueKind.String ? format.GetString() : null;
            listFormat = name?.ToLowerInvariant() switch
            {
                "list" or "array" => true,
                "map" or "json" or "" => false,
                _ => throw StoreException.Invalid("resultFormat must be 'map', 'json', 'list' or 'array'"),
            };
        }

        if (!root.TryGetProperty("transaction", out var transaction) || transaction.ValueKind != JsonValueKind.Array)
            throw StoreException.Invalid("'transaction' must be a non-empty array");
        if (transaction.GetArrayLength() == 0) throw StoreException.Invalid("'transaction' must be a non-empty array");
        var items = new List<SqlItem>();
        var index = 0;
        foreach (var element in transaction.EnumerateArray())
        {
            items.Add(Item(element, index));
            index++;
        }

        return new SqlRequest(document, items, listFormat);
    }

    private static SqlItem Item(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid(index, "each transaction item must be an object");
        string? sql = null;
        foreach (var name in (ReadOnlySpan<string>)["statement", "query", "sql"])
        {
            if (!element.TryGetProperty(name, out var text) || text.ValueKind == JsonValueKind.Null) continue;
            if (text.ValueKind != JsonValueKind.String) throw Invalid(index, $"'{name}' must be a string");
            sql = text.GetString();
            break;
        }

        if (string.IsNullOrWhiteSpace(sql)) throw Invalid(index, "the item has no statement ('statement', 'query' or 'sql')");
        var noFail = false;
        if (element.TryGetProperty("noFail", out var nf) && nf.ValueKind != JsonValueKind.Null)
        {
            if (nf.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Invalid(index, "'noFail' must be a boolean");
            noFail = nf.GetBoolean();
        }

        var hasValues = element.TryGetProperty("values", out var values) && values.ValueKind != JsonValueKind.Null;
        var hasBatch = element.TryGetProperty("valuesBatch", out var batch) && batch.ValueKind != JsonValueKind.Null;
        if (hasValues && hasBatch) throw Invalid(index, "give 'values' or 'valuesBatch', not both");
        if (hasValues)
        {
            if (values.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)) throw Invalid(index, "'values' must be an array or an object");
            return new SqlItem(sql, [values], true, noFail);
        }

        if (hasBatch)
        {
            if (batch.ValueKind != JsonValueKind.Array) throw Invalid(index, "'valuesBatch' must be an array of arrays or objects");
            var sets = new List<JsonElement>(batch.GetArrayLength());
            foreach (var set in batch.EnumerateArray())
            {
                if (set.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)) throw Invalid(index, "each 'valuesBatch' entry must be an array or an object");
                sets.Add(set);
            }

            return new SqlItem(sql, sets, true, noFail);
        }

        return new SqlItem(sql, [], false, noFail);
    }

    private static StoreException Invalid(int index, string message) =>
        new(400, "INVALID_PARAMETERS", $"transaction[{index}]: {message}") { ReqIdx = index };
}
