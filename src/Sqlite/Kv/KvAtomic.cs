using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>incr/decr and the array operations: read, change and write back in one <c>BEGIN IMMEDIATE</c> transaction, logged.</summary>
internal sealed class KvAtomic(KvStore store)
{
    public Task<(JsonNode? Value, JsonNode? Previous)> IncrementAsync(DatabaseEntry entry, KvTable table, string key, long delta, JsonPath? path, bool history, string opType, CancellationToken ct) =>
        Change(entry, table, key, path, history, opType, create: true, (target, found) =>
        {
            var previous = found ? target : null;
            JsonNode next;
            if (previous is null)
            {
                next = JsonValue.Create(delta);
                return (next, next, JsonValue.Create(0L));
            }

            if (previous is not JsonValue number) throw StoreException.Invalid("Value at path is not numeric");
            if (number.TryGetValue<long>(out var integer) || (number.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out integer)))
            {
                long sum;
                try
                {
                    sum = checked(integer + delta);
                }
                catch (OverflowException)
                {
                    throw StoreException.Invalid("increment or decrement would overflow");
                }

                next = JsonValue.Create(sum);
                return (next, next, JsonValue.Create(integer));
            }

            if (number.TryGetValue<double>(out var real) || (number.TryGetValue<string>(out text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real)))
            {
                next = JsonValue.Create(real + delta);
                return (next, next, JsonValue.Create(real));
            }

            throw StoreException.Invalid("Value at path is not numeric");
        }, ct);

    public Task<(JsonNode? Value, JsonNode? Previous)> PushAsync(DatabaseEntry entry, KvTable table, string key, JsonNode? element, JsonPath? path, bool history, CancellationToken ct) =>
        Change(entry, table, key, path, history, "push", create: true, (target, found) =>
        {
            var array = !found || target is null ? [] : target as JsonArray ?? throw StoreException.Invalid($"Value at key '{key}' is not an array");
            array.Add(element);
            return (array, JsonValue.Create(array.Count), JsonValue.Create(array.Count));
        }, ct);

    public Task<(JsonNode? Value, JsonNode? Previous)> PopAsync(DatabaseEntry entry, KvTable table, string key, JsonPath? path, bool history, CancellationToken ct) =>
        Change(entry, table, key, path, history, "pop", create: false, (target, found) =>
        {
            if (!found) throw StoreException.KeyNotFound(key);
            var array = target as JsonArray ?? throw StoreException.Invalid($"Value at key '{key}' is not an array");
            if (array.Count == 0) throw StoreException.NotFound("KEY_NOT_FOUND", $"Array at key '{key}' is empty");
            var last = array[^1];
            array.RemoveAt(array.Count - 1);
            return (array, last, JsonValue.Create(array.Count));
        }, ct);

    /// <summary>Removes by <paramref name="index"/> (negative from the end) or the first element deep-equal to <paramref name="match"/>.</summary>
    public Task<(JsonNode? Value, JsonNode? Previous)> RemoveAsync(DatabaseEntry entry, KvTable table, string key, int? index, JsonNode? match, bool hasMatch, JsonPath? path, bool history, CancellationToken ct) =>
        Change(entry, table, key, path, history, "remove", create: false, (target, found) =>
        {
            if (!found) throw StoreException.KeyNotFound(key);
            var array = target as JsonArray ?? throw StoreException.Invalid($"Value at key '{key}' is not an array");
            int position;
            if (index is { } i)
            {
                position = i < 0 ? array.Count + i : i;
                if (position < 0 || position >= array.Count) throw StoreException.NotFound("KEY_NOT_FOUND", $"Index {i} is out of range");
            }
            else if (hasMatch)
            {
                position = -1;
                for (var p = 0; p < array.Count && position < 0; p++)
                    if (JsonNode.DeepEquals(array[p], match)) position = p;
                if (position < 0) throw StoreException.NotFound("KEY_NOT_FOUND", "No matching element found");
            }
            else
            {
                throw StoreException.Invalid("Give an index or a value to remove");
            }

            array.RemoveAt(position);
            return (array, JsonValue.Create(position), JsonValue.Create(array.Count));
        }, ct);

    /// <summary>
    /// The shared read-modify-write: <paramref name="change"/> gets the node at the path (and whether it
    /// exists) and returns the new node there plus two values for the reply.
    /// </summary>
    private Task<(JsonNode? Value, JsonNode? Previous)> Change(DatabaseEntry entry, KvTable table, string key, JsonPath? path, bool history, string opType, bool create,
        Func<JsonNode?, bool, (JsonNode Next, JsonNode? A, JsonNode? B)> change, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            if (!create && !KvRows.Exists(h, entry, table)) throw StoreException.KeyNotFound(key);
            KvRows.Ensure(h, entry, table);
            var now = store.NowMs;
            var current = KvRows.Read(h, table, key, now);
            if (current is null && !create) throw StoreException.KeyNotFound(key);
            var root = current is null ? null : ParseStored(current.Value, opType);
            JsonNode? target;
            bool found;
            if (path is null)
            {
                target = root;
                found = current is not null;
            }
            else
            {
                target = path.Get(root, out found);
                found &= current is not null;
            }

            var (next, a, b) = change(target?.DeepClone(), found);
            var newRoot = path is null ? next : path.Set(root ?? new JsonObject(), next.Parent is null ? next : next.DeepClone());
            var write = new KvWrite(KvJson.Bytes(newRoot), KvJson.JsonType, current?.ExpireAt, null);
            KvRows.Upsert(h, table, key, write, now);
            KvRows.Log(h, table, key, opType, write, now, history);
            return (a?.Parent is null ? a : a.DeepClone(), b);
        }, ct);

    private static JsonNode? ParseStored(byte[] value, string opType)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            if (opType is "incr" or "decr") throw StoreException.Invalid("Value at path is not numeric");
            throw StoreException.Invalid("The stored value is not JSON");
        }
    }
}
