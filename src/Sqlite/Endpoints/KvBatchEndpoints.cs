using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary><c>/kv/batch/get</c>, <c>/set</c>, <c>/delete</c>: at most 100 keys, one transaction.</summary>
internal static class KvBatchEndpoints
{
    public const int MaxBatch = 100;

    public static RouteGroupBuilder MapKvBatchEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/kv/batch/get", BatchGet);
        group.MapPost("/kv/batch/set", BatchSet);
        group.MapPost("/kv/batch/delete", BatchDelete);
        return group;
    }

    private static Task<IResult> BatchGet(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Kv(counters, async () =>
        {
            var keys = await BatchKeysAsync(ctx, options.Value.MaxBodyBytes);
            var (lease, table) = KvTarget.Open(ctx, cache, write: false);
            using (lease)
            {
                var values = store.GetMany(lease.Entry, table, keys);
                var map = new JsonObject();
                for (var i = 0; i < keys.Count; i++) map[keys[i]] = values[i] is { } v ? KvJson.Embed(v.Value, v.ContentType) : null;
                return JsonBody.From(new JsonObject { ["values"] = map });
            }
        });

    private static Task<IResult> BatchSet(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Kv(counters, async () =>
        {
            using var doc = BodyJson.Parse(await Args.BodyAsync(ctx, options.Value.MaxBodyBytes));
            var items = BodyJson.Property(doc, "items");
            if (items.ValueKind != JsonValueKind.Array) throw StoreException.Invalid("items must be an array");
            if (items.GetArrayLength() > MaxBatch) throw StoreException.Invalid($"At most {MaxBatch} items per batch");
            var writes = new List<(string, KvWrite)>();
            foreach (var item in items.EnumerateArray()) writes.Add(Item(item, store.NowMs));
            var (lease, table) = KvTarget.Open(ctx, cache, write: true);
            using (lease)
            {
                var count = writes.Count == 0 ? 0 : await store.SetManyAsync(lease.Entry, table, writes, Args.Bool(ctx, "history", true), ctx.RequestAborted);
                return JsonBody.From(new JsonObject { ["count"] = count });
            }
        });

    private static Task<IResult> BatchDelete(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Kv(counters, async () =>
        {
            var keys = await BatchKeysAsync(ctx, options.Value.MaxBodyBytes);
            var (lease, table) = KvTarget.Open(ctx, cache, write: true);
            using (lease)
            {
                var count = keys.Count == 0 ? 0 : await store.DeleteManyAsync(lease.Entry, table, keys, Args.Bool(ctx, "history", true), ctx.RequestAborted);
                return JsonBody.From(new JsonObject { ["count"] = count });
            }
        });

    /// <summary>A batch/set item: a string value is stored as UTF-8 with its <c>content_type</c>; any other JSON as its text, typed JSON.</summary>
    private static (string, KvWrite) Item(JsonElement item, long nowMs)
    {
        if (item.ValueKind != JsonValueKind.Object) throw StoreException.Invalid("Each item must be an object with key and value");
        var key = KvKey.Check(item.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null);
        if (!item.TryGetProperty("value", out var value)) throw StoreException.Invalid($"Item '{key}' has no value");
        long? ttl = null;
        if (item.TryGetProperty("ttl", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out var seconds) || seconds < 0) throw StoreException.Invalid($"Item '{key}': ttl must be a non-negative integer");
            ttl = seconds > 0 ? seconds : null;
        }

        byte[] bytes;
        string type;
        if (value.ValueKind == JsonValueKind.String)
        {
            bytes = Encoding.UTF8.GetBytes(value.GetString()!);
            type = item.TryGetProperty("content_type", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "application/octet-stream";
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(value.GetRawText());
            type = KvJson.JsonType;
        }

        return (key, new KvWrite(bytes, type, ttl is { } s ? nowMs + (s * 1000) : null, ttl));
    }

    /// <summary>The <c>keys</c> of a batch body: an array of at most 100 valid keys.</summary>
    private static async Task<List<string>> BatchKeysAsync(HttpContext ctx, long maxBody)
    {
        using var doc = BodyJson.Parse(await Args.BodyAsync(ctx, maxBody));
        return [.. BodyJson.StringList(BodyJson.Property(doc, "keys"), "keys", MaxBatch).Select(KvKey.Check)];
    }
}
