using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Whole-table KV routes: list, snapshot at T, diff, table rollback, and the batch operations.</summary>
internal static class KvTableEndpoints
{
    public const int MaxBatch = 100;

    public static RouteGroupBuilder MapKvTableEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/kv", List);
        group.MapGet("/kv/snapshot", Snapshot);
        group.MapGet("/kv/diff", Diff);
        group.MapPost("/kv/rollback", Rollback);
        group.MapPost("/kv/batch/get", BatchGet);
        group.MapPost("/kv/batch/set", BatchSet);
        group.MapPost("/kv/batch/delete", BatchDelete);
        return group;
    }

    private static Task<IResult> List(HttpContext ctx, DatabaseCache cache, KvStore store) =>
        Guarded.Kv(ctx, () =>
        {
            var (lease, table) = KvTarget.Open(ctx, cache, write: false);
            using (lease)
            {
                var prefix = Args.Text(ctx, "prefix") ?? "";
                var limit = Args.Int(ctx, "limit", 100, 1, 10_000);
                var offset = Args.Int(ctx, "offset", 0, 0, int.MaxValue);
                if (Args.Time(ctx, "at_timestamp") is { } at)
                {
                    var past = KvTimeTravel.TableAt(lease.Entry, table, at, prefix, null);
                    return Task.FromResult<IResult>(JsonBody.From(new JsonObject
                    {
                        ["keys"] = Strings(past.Present.Keys.Skip(offset).Take(limit)),
                        ["has_gaps"] = past.Gaps.Count > 0,
                        ["gap_keys"] = Strings(past.Gaps),
                        ["candidate_truncated"] = past.CandidateTruncated,
                        ["at_timestamp"] = at.Given,
                    }));
                }

                var keys = store.List(lease.Entry, table, prefix, limit, offset);
                return Task.FromResult<IResult>(JsonBody.From(new JsonObject
                {
                    ["keys"] = Strings(keys),
                    ["count"] = keys.Count,
                    ["limit"] = limit,
                    ["offset"] = offset,
                    ["prefix"] = prefix,
                }));
            }
        });

    private static Task<IResult> Snapshot(HttpContext ctx, DatabaseCache cache) =>
        Guarded.Kv(ctx, () =>
        {
            var at = Args.Time(ctx, "timestamp", required: true)!.Value;
            var limit = Args.Int(ctx, "limit", 1000, 1, KvTimeTravel.CandidateLimit);
            var (lease, table) = KvTarget.Open(ctx, cache, write: false);
            using (lease)
            {
                var past = KvTimeTravel.TableAt(lease.Entry, table, at, Args.Text(ctx, "prefix") ?? "", null);
                var keys = new JsonArray();
                foreach (var (key, op) in past.Present.Take(limit))
                {
                    keys.Add((JsonNode)new JsonObject
                    {
                        ["key"] = key,
                        ["value"] = KvJson.Embed(op.Value!, op.ContentType),
                        ["ttl"] = op.ExpireAt is { } e ? Math.Max(0, (e - at.AtMs) / 1000) : null,
                    });
                }

                return Task.FromResult<IResult>(JsonBody.From(new JsonObject
                {
                    ["db"] = Args.Text(ctx, "db"),
                    ["table"] = table.Name,
                    ["timestamp"] = at.Given,
                    ["keys"] = keys,
                    ["total"] = past.Present.Count,
                    ["has_gaps"] = past.Gaps.Count > 0,
                    ["gap_keys"] = Strings(past.Gaps),
                    ["candidate_truncated"] = past.CandidateTruncated,
                }));
            }
        });

    private static Task<IResult> Diff(HttpContext ctx, DatabaseCache cache) =>
        Guarded.Kv(ctx, () =>
        {
            var from = Args.Time(ctx, "from", required: true)!.Value;
            var to = Args.Time(ctx, "to", required: true)!.Value;
            if (from.Given > to.Given) throw StoreException.Invalid("from must not be later than to");
            var only = Args.Text(ctx, "keys") is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
            var (lease, table) = KvTarget.Open(ctx, cache, write: false);
            using (lease)
            {
                var (earlier, later) = KvTimeTravel.Diff(lease.Entry, table, from, to, only);
                var created = new JsonArray();
                var modified = new JsonArray();
                var deleted = new JsonArray();
                var gaps = new SortedSet<string>(earlier.Gaps.Concat(later.Gaps), StringComparer.Ordinal);
                foreach (var (key, now) in later.Present)
                {
                    if (gaps.Contains(key)) continue;
                    if (!earlier.Present.TryGetValue(key, out var before))
                        created.Add((JsonNode)new JsonObject { ["key"] = key, ["value"] = KvJson.Embed(now.Value!, now.ContentType) });
                    else if (!before.Value.AsSpan().SequenceEqual(now.Value))
                        modified.Add((JsonNode)new JsonObject { ["key"] = key, ["from"] = KvJson.Embed(before.Value!, before.ContentType), ["to"] = KvJson.Embed(now.Value!, now.ContentType) });
                }

                foreach (var key in earlier.Present.Keys)
                    if (!gaps.Contains(key) && !later.Present.ContainsKey(key)) deleted.Add((JsonNode)new JsonObject { ["key"] = key });
                return Task.FromResult<IResult>(JsonBody.From(new JsonObject
                {
                    ["db"] = Args.Text(ctx, "db"),
                    ["table"] = table.Name,
                    ["from"] = from.Given,
                    ["to"] = to.Given,
                    ["created"] = created,
                    ["modified"] = modified,
                    ["deleted"] = deleted,
                    ["has_gaps"] = gaps.Count > 0,
                    ["gap_keys"] = Strings(gaps),
                    ["candidate_truncated"] = earlier.CandidateTruncated || later.CandidateTruncated,
                }));
            }
        });

    private static Task<IResult> Rollback(HttpContext ctx, DatabaseCache cache, KvTimeTravel travel, IOptions<SqliteOptions> options) =>
        Guarded.Kv(ctx, async () =>
        {
            var at = Args.Time(ctx, "to_timestamp", required: true)!.Value;
            var dryRun = Args.Bool(ctx, "dry_run");
            var confirmed = Args.Text(ctx, "confirm") == "yes";
            if (!dryRun && !confirmed) throw StoreException.Invalid("A table rollback needs confirm=yes (or dry_run=true)");
            var body = await Args.BodyAsync(ctx, options.Value.MaxBodyBytes);
            List<string>? only = null;
            var exclude = new HashSet<string>(StringComparer.Ordinal);
            if (body.Length > 0)
            {
                using var doc = Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (doc.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind != JsonValueKind.Null) only = StringList(keys, "keys", int.MaxValue);
                    if (doc.RootElement.TryGetProperty("exclude_keys", out var ex) && ex.ValueKind != JsonValueKind.Null) exclude.UnionWith(StringList(ex, "exclude_keys", int.MaxValue));
                }
            }

            var (lease, table) = KvTarget.Open(ctx, cache, write: true);
            using (lease)
            {
                var result = await travel.RollbackAsync(lease.Entry, table, at, only, exclude, dryRun, ctx.RequestAborted);
                var reply = new JsonObject
                {
                    ["db"] = Args.Text(ctx, "db"),
                    ["table"] = table.Name,
                    ["to_timestamp"] = at.Given,
                    ["dry_run"] = dryRun,
                    ["confirmed"] = !dryRun && confirmed,
                    ["keys_restored"] = result.KeysRestored,
                    ["keys_deleted"] = result.KeysDeleted,
                    ["status"] = "ok",
                };
                if (dryRun)
                {
                    var changes = new JsonArray();
                    foreach (var (key, action) in result.Changes) changes.Add((JsonNode)new JsonObject { ["key"] = key, ["action"] = action });
                    reply["changes"] = changes;
                }

                return JsonBody.From(reply);
            }
        });

    private static Task<IResult> BatchGet(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options) =>
        Guarded.Kv(ctx, async () =>
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

    private static Task<IResult> BatchSet(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options) =>
        Guarded.Kv(ctx, async () =>
        {
            using var doc = Parse(await Args.BodyAsync(ctx, options.Value.MaxBodyBytes));
            var items = Property(doc, "items");
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

    private static Task<IResult> BatchDelete(HttpContext ctx, DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options) =>
        Guarded.Kv(ctx, async () =>
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
        using var doc = Parse(await Args.BodyAsync(ctx, maxBody));
        return [.. StringList(Property(doc, "keys"), "keys", MaxBatch).Select(KvKey.Check)];
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw StoreException.Invalid("Malformed JSON body: " + ex.Message);
        }
    }

    private static JsonElement Property(JsonDocument doc, string name) =>
        doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value) ? value : default;

    private static List<string> StringList(JsonElement element, string name, int max)
    {
        if (element.ValueKind != JsonValueKind.Array) throw StoreException.Invalid($"{name} must be an array of strings");
        if (element.GetArrayLength() > max) throw StoreException.Invalid($"At most {max} {name} per batch");
        return [.. element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw StoreException.Invalid($"{name} must be an array of strings"))];
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values) array.Add((JsonNode)JsonValue.Create(value));
        return array;
    }
}
