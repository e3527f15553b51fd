using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary><c>/kv/{key}</c> and its actions (KV error family).</summary>
internal static class KvKeyEndpoints
{
    public static RouteGroupBuilder MapKvKeyEndpoints(this RouteGroupBuilder group)
    {
        group.MapMethods("/kv/{**rest}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Post], Dispatch);
        return group;
    }

    private static Task<IResult> Dispatch(HttpContext ctx, DatabaseCache cache, KvStore store, KvAtomic atomic, KvHistory history, KvDirectory directory,
        IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Kv(counters, async () =>
        {
            var (key, action) = KvTarget.Parse(ctx);
            var method = ctx.Request.Method;
            var write = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
            var (lease, table) = KvTarget.Open(ctx, cache, write);
            using (lease)
            {
                var entry = lease.Entry;
                var ct = ctx.RequestAborted;
                var keep = Args.Bool(ctx, "history", true);
                switch (method, action)
                {
                    case ("GET", null):
                    case ("HEAD", null):
                        if (Args.Bool(ctx, "rebuild")) await directory.RebuildAsync(entry, table, ct);
                        return Get(ctx, store, entry, table, key);
                    case ("PUT", null):
                        return await Put(ctx, store, entry, table, key, keep, options.Value.MaxBodyBytes);
                    case ("DELETE", null):
                        await store.DeleteAsync(entry, table, key, keep, ct);
                        return JsonBody.From(new JsonObject { ["status"] = "ok", ["key"] = key, ["deleted"] = true });
                    case ("POST", "incr" or "decr"):
                        var delta = Args.Long(ctx, "delta") ?? 1;
                        if (action == "decr") delta = delta == long.MinValue ? throw StoreException.Invalid("delta is out of range") : -delta;
                        var (value, previous) = await atomic.IncrementAsync(entry, table, key, delta, JsonPath.Parse(Args.Text(ctx, "path")), keep, action, ct);
                        return JsonBody.From(new JsonObject { ["key"] = key, ["value"] = value, ["previous"] = previous });
                    case ("POST", "push"):
                        var element = Element(await Args.BodyAsync(ctx, options.Value.MaxBodyBytes));
                        var (_, length) = await atomic.PushAsync(entry, table, key, element, JsonPath.Parse(Args.Text(ctx, "path")), keep, ct);
                        return JsonBody.From(new JsonObject { ["success"] = true, ["key"] = key, ["newLength"] = length });
                    case ("POST", "pop"):
                        var (popped, remaining) = await atomic.PopAsync(entry, table, key, JsonPath.Parse(Args.Text(ctx, "path")), keep, ct);
                        return JsonBody.From(new JsonObject { ["key"] = key, ["value"] = popped, ["newLength"] = remaining });
                    case ("POST", "remove"):
                        return await Remove(ctx, atomic, entry, table, key, keep, options.Value.MaxBodyBytes);
                    case ("POST", "rollback"):
                        var steps = Args.Int(ctx, "steps", 1, 1, 1_000_000);
                        var result = await history.RollbackAsync(entry, table, key, steps, ct);
                        return JsonBody.From(new JsonObject
                        {
                            ["key"] = key,
                            ["db"] = Args.Text(ctx, "db"),
                            ["steps_undone"] = result.StepsUndone,
                            ["current_op_number"] = result.CurrentOpNumber,
                            ["value"] = result.State is null ? null : KvJson.Text(result.State.Value),
                            ["status"] = "ok",
                        });
                    case ("GET", "history"):
                        return History(ctx, entry, table, key);
                    case ("GET", "snapshot"):
                        var opNumber = Args.Long(ctx, "op_number", 1) ?? throw StoreException.Invalid("op_number is required");
                        var op = KvHistory.Snapshot(entry, table, key, opNumber);
                        return JsonBody.From(new JsonObject
                        {
                            ["key"] = key,
                            ["op_number"] = opNumber,
                            ["value"] = op.Value is null ? null : KvJson.Text(op.Value),
                            ["timestamp"] = op.Ts / 1000,
                            ["existed"] = op.Value is not null,
                        });
                    default:
                        throw StoreException.NotFound("NOT_FOUND", $"No KV action for {method} on this path");
                }
            }
        });

    private static IResult Get(HttpContext ctx, KvStore store, DatabaseEntry entry, KvTable table, string key)
    {
        byte[] value;
        string contentType;
        if (Args.Time(ctx, "at_timestamp") is { } at)
        {
            var op = KvTimeTravel.ValueAt(entry, table, key, at);
            (value, contentType) = (op.Value!, op.ContentType ?? "application/octet-stream");
        }
        else
        {
            var current = store.Get(entry, table, key);
            (value, contentType) = (current.Value, current.ContentType);
            var headers = ctx.Response.Headers;
            headers["X-Created-At"] = (current.CreatedAt / 1000).ToString(CultureInfo.InvariantCulture);
            headers["X-Updated-At"] = (current.UpdatedAt / 1000).ToString(CultureInfo.InvariantCulture);
            if (current.ExpireAt is { } expire) headers["X-Expire-At"] = (expire / 1000).ToString(CultureInfo.InvariantCulture);
            headers.ETag = $"\"{current.Version}\"";
            if (entry.KeyDirectory is not null) headers["X-KV-Reference"] = "true"; // the value is a file of the directory store
        }

        if (JsonPath.Parse(Args.Text(ctx, "path")) is { } path)
        {
            var node = path.Get(KvJson.Parse(value), out var found);
            if (!found) throw StoreException.NotFound("KEY_NOT_FOUND", $"Path '{Args.Text(ctx, "path")}' not found in key '{key}'");
            (value, contentType) = (KvJson.Bytes(node), KvJson.JsonType);
        }

        if (HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.ContentType = contentType;
            return Results.Ok();
        }

        return Results.Bytes(value, contentType);
    }

    private static async Task<IResult> Put(HttpContext ctx, KvStore store, DatabaseEntry entry, KvTable table, string key, bool keep, long maxBody)
    {
        var body = await Args.BodyAsync(ctx, maxBody);
        var ttl = Args.Long(ctx, "ttl", 0) ?? 0;
        var ifMatch = Args.Text(ctx, "if_match") is { } expected ? Encoding.UTF8.GetBytes(expected) : null;
        var contentType = KvJson.ContentType(ctx.Request.ContentType, body);
        var write = new KvWrite(body, contentType, ttl > 0 ? store.NowMs + (ttl * 1000) : null, ttl > 0 ? ttl : null);
        var created = await store.SetAsync(entry, table, key, write, JsonPath.Parse(Args.Text(ctx, "path")), ifMatch, keep, ctx.RequestAborted);
        return JsonBody.From(new JsonObject { ["status"] = "ok", ["key"] = key, ["created"] = created });
    }

    private static async Task<IResult> Remove(HttpContext ctx, KvAtomic atomic, DatabaseEntry entry, KvTable table, string key, bool keep, long maxBody)
    {
        var index = Args.Long(ctx, "index", int.MinValue, int.MaxValue);
        var body = index is null ? await Args.BodyAsync(ctx, maxBody) : [];
        var hasMatch = body.Length > 0;
        var match = hasMatch ? Element(body) : null;
        var (removedIndex, length) = await atomic.RemoveAsync(entry, table, key, (int?)index, match, hasMatch, JsonPath.Parse(Args.Text(ctx, "path")), keep, ctx.RequestAborted);
        return JsonBody.From(new JsonObject { ["success"] = true, ["key"] = key, ["removedIndex"] = removedIndex, ["newLength"] = length });
    }

    private static JsonBody History(HttpContext ctx, DatabaseEntry entry, KvTable table, string key)
    {
        var limit = Args.Int(ctx, "limit", 50, 0, 1000);
        if (limit == 0) limit = 50;
        var (ops, total) = KvHistory.History(entry, table, key, limit);
        var operations = new JsonArray();
        foreach (var op in ops)
        {
            operations.Add((JsonNode)new JsonObject
            {
                ["op_number"] = op.OpNumber,
                ["op_type"] = op.OpType,
                ["value"] = op.Value is null ? null : KvJson.Text(op.Value),
                ["timestamp"] = op.Ts / 1000,
                ["ttl"] = op.Ttl,
            });
        }

        return JsonBody.From(new JsonObject { ["key"] = key, ["operations"] = operations, ["total"] = total });
    }

    /// <summary>A pushed or matched element: the body as JSON, else as a string.</summary>
    private static JsonNode? Element(byte[] body) =>
        KvJson.TryParse(body, out var node) ? node : JsonValue.Create(Encoding.UTF8.GetString(body));
}
