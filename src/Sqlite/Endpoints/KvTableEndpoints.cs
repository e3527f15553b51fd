using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Whole-table KV routes: list, snapshot at T, diff, table rollback.</summary>
internal static class KvTableEndpoints
{
        public static RouteGroupBuilder MapKvTableEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/kv", List);
        group.MapGet("/kv/snapshot", Snapshot);
        group.MapGet("/kv/diff", Diff);
        group.MapPost("/kv/rollback", Rollback);
        return group;
    }

    private static Task<IResult> List(HttpContext ctx, DatabaseCache cache, KvStore store, SqliteCounters counters) =>
        Guarded.Kv(counters, () =>
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

    private static Task<IResult> Snapshot(HttpContext ctx, DatabaseCache cache, SqliteCounters counters) =>
        Guarded.Kv(counters, () =>
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
                        ["value"] = KvJson.Text(op.Value!),
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

    private static Task<IResult> Diff(HttpContext ctx, DatabaseCache cache, SqliteCounters counters) =>
        Guarded.Kv(counters, () =>
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
                        created.Add((JsonNode)new JsonObject { ["key"] = key, ["value"] = KvJson.Text(now.Value!) });
                    else if (!before.Value.AsSpan().SequenceEqual(now.Value))
                        modified.Add((JsonNode)new JsonObject { ["key"] = key, ["from"] = KvJson.Text(before.Value!), ["to"] = KvJson.Text(now.Value!) });
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

    private static Task<IResult> Rollback(HttpContext ctx, DatabaseCache cache, KvTimeTravel travel, IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Kv(counters, async () =>
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
                using var doc = BodyJson.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (doc.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind != JsonValueKind.Null) only = BodyJson.StringList(keys, "keys", int.MaxValue);
                    if (doc.RootElement.TryGetProperty("exclude_keys", out var ex) && ex.ValueKind != JsonValueKind.Null) exclude.UnionWith(BodyJson.StringList(ex, "exclude_keys", int.MaxValue));
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

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values) array.Add((JsonNode)JsonValue.Create(value));
        return array;
    }
}
