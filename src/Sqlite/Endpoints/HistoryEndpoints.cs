using System.Globalization;
using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Sqlite.History;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Query history: list, clear, delete one, stats (SQL error family).</summary>
internal static class HistoryEndpoints
{
    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/history", List).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapDelete("/history", Clear).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapGet("/history/stats", Stats).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapDelete("/history/{index}", DeleteOne).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapSqlWrongMethods("/history", withReqIdx: false, HttpMethods.Get, HttpMethods.Delete);
        group.MapSqlWrongMethods("/history/stats", withReqIdx: false, HttpMethods.Get, HttpMethods.Delete);
        group.MapSqlWrongMethods("/history/{index}", withReqIdx: false, HttpMethods.Delete);
        return group;
    }

    private static Task<IResult> List(HttpContext ctx, DatabaseCache cache, QueryHistory history, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var db = Args.Text(ctx, "db");
            var key = cache.Resolver.Canonical(db);
            var limit = Args.Int(ctx, "limit", 100, 0, 10_000);
            if (limit == 0) limit = 100;
            var body = await history.ReadAsync(h =>
            {
                var entries = new JsonArray();
                var stmt = h.Prepare("SELECT * FROM (SELECT id, db, sql, ts, duration_ms, status, rows_affected, error FROM entries WHERE db_key = ?1 ORDER BY id DESC LIMIT ?2) ORDER BY id");
                raw.sqlite3_bind_text(stmt, 1, key);
                raw.sqlite3_bind_int64(stmt, 2, limit);
                while (h.StepRow(stmt))
                {
                    var entry = new JsonObject
                    {
                        ["id"] = raw.sqlite3_column_int64(stmt, 0),
                        ["db"] = raw.sqlite3_column_text(stmt, 1).utf8_to_string(),
                        ["sql"] = raw.sqlite3_column_text(stmt, 2).utf8_to_string(),
                        ["timestamp"] = raw.sqlite3_column_int64(stmt, 3) / 1000,
                        ["duration_ms"] = raw.sqlite3_column_double(stmt, 4),
                        ["status"] = raw.sqlite3_column_text(stmt, 5).utf8_to_string(),
                        ["rows_affected"] = raw.sqlite3_column_int64(stmt, 6),
                    };
                    if (raw.sqlite3_column_type(stmt, 7) != raw.SQLITE_NULL) entry["error"] = raw.sqlite3_column_text(stmt, 7).utf8_to_string();
                    entries.Add((JsonNode)entry);
                }

                raw.sqlite3_reset(stmt);
                return new JsonObject { ["entries"] = entries, ["total"] = Count(h, key), ["limit"] = limit };
            }, ctx.RequestAborted);
            return JsonBody.From(body);
        });

    private static Task<IResult> Clear(HttpContext ctx, DatabaseCache cache, QueryHistory history, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var db = Args.Text(ctx, "db");
            var key = cache.Resolver.Canonical(db);
            var deleted = await history.ReadAsync(h =>
            {
                var stmt = h.Prepare("DELETE FROM entries WHERE db_key = ?1");
                raw.sqlite3_bind_text(stmt, 1, key);
                h.StepDone(stmt);
                return raw.sqlite3_changes(h.Db);
            }, ctx.RequestAborted);
            return JsonBody.From(new JsonObject { ["db"] = db, ["deleted"] = deleted, ["status"] = "ok" });
        });

    private static Task<IResult> DeleteOne(HttpContext ctx, string index, DatabaseCache cache, QueryHistory history, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var db = Args.Text(ctx, "db");
            var key = cache.Resolver.Canonical(db);
            if (!long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) throw StoreException.Invalid("Invalid index");
            var deleted = await history.ReadAsync(h =>
            {
                var stmt = h.Prepare("DELETE FROM entries WHERE db_key = ?1 AND id = ?2");
                raw.sqlite3_bind_text(stmt, 1, key);
                raw.sqlite3_bind_int64(stmt, 2, id);
                h.StepDone(stmt);
                return raw.sqlite3_changes(h.Db);
            }, ctx.RequestAborted);
            if (deleted == 0) throw StoreException.NotFound("NOT_FOUND", $"No history entry {id} for this database");
            return JsonBody.From(new JsonObject { ["db"] = db, ["index"] = id, ["deleted"] = true });
        });

    private static Task<IResult> Stats(HttpContext ctx, DatabaseCache cache, QueryHistory history, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var db = Args.Text(ctx, "db");
            var key = cache.Resolver.Canonical(db);
            var body = await history.ReadAsync(h =>
            {
                var durations = new List<double>();
                long ok = 0, errors = 0, oldest = long.MaxValue, newest = long.MinValue;
                var stmt = h.Prepare("SELECT duration_ms, status, ts FROM entries WHERE db_key = ?1");
                raw.sqlite3_bind_text(stmt, 1, key);
                while (h.StepRow(stmt))
                {
                    durations.Add(raw.sqlite3_column_double(stmt, 0));
                    if (raw.sqlite3_column_text(stmt, 1).utf8_to_string() == "ok") ok++;
                    else errors++;
                    var ts = raw.sqlite3_column_int64(stmt, 2) / 1000;
                    oldest = Math.Min(oldest, ts);
                    newest = Math.Max(newest, ts);
                }

                raw.sqlite3_reset(stmt);
                durations.Sort();
                var total = durations.Count;
                return new JsonObject
                {
                    ["db"] = db,
                    ["total_entries"] = total,
                    ["ok_entries"] = ok,
                    ["error_entries"] = errors,
                    ["avg_duration_ms"] = total == 0 ? 0 : Math.Round(durations.Average(), 3),
                    ["p95_duration_ms"] = total == 0 ? 0 : durations[Math.Min(total - 1, (int)Math.Ceiling(total * 0.95) - 1)],
                    ["oldest_timestamp"] = total == 0 ? null : oldest,
                    ["newest_timestamp"] = total == 0 ? null : newest,
                    ["queries_per_hour"] = total == 0 ? 0 : Math.Round(total / Math.Max(1.0, (newest - oldest) / 3600.0), 3),
                };
            }, ctx.RequestAborted);
            return JsonBody.From(body);
        });

    private static long Count(SqliteHandle h, string key)
    {
        var stmt = h.Prepare("SELECT count(*) FROM entries WHERE db_key = ?1");
        raw.sqlite3_bind_text(stmt, 1, key);
        h.StepRow(stmt);
        var total = raw.sqlite3_column_int64(stmt, 0);
        raw.sqlite3_reset(stmt);
        return total;
    }
}
