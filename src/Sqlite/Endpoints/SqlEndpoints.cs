using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Sqlite.History;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary><c>POST /db</c>, <c>POST /db/create</c>, <c>GET /query</c>, <c>POST /maintenance</c>: the SQL error family.</summary>
internal static class SqlEndpoints
{
    public static RouteGroupBuilder MapSqlEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/db", Execute).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapPost("/db/create", Create).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapGet("/query", Query).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapPost("/maintenance", Maintenance).WithErrorShape(ErrorShape.ErrorMessage);
        group.MapSqlWrongMethods("/db", withReqIdx: true, HttpMethods.Post);
        group.MapSqlWrongMethods("/db/create", withReqIdx: false, HttpMethods.Post);
        group.MapSqlWrongMethods("/query", withReqIdx: false, HttpMethods.Get);
        group.MapSqlWrongMethods("/maintenance", withReqIdx: false, HttpMethods.Post);
        return group;
    }

    private static Task<IResult> Execute(HttpContext ctx, DatabaseCache cache, SqlExecutor executor, QueryHistory history, IOptions<SqliteOptions> options, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var body = await Args.BodyAsync(ctx, options.Value.MaxBodyBytes);
            using var request = SqlRequest.Parse(body);
            var db = Args.Text(ctx, "db");
            using var lease = cache.Open(db, Args.Bool(ctx, "create_db_if_missing"));
            var records = new List<StatementRecord>();
            try
            {
                return new JsonBody(await executor.ExecuteAsync(lease.Entry, request, records, ctx.RequestAborted));
            }
            finally
            {
                history.Record(lease.Entry.Path, db!, records);
            }
        }, withReqIdx: true);

    private static Task<IResult> Create(HttpContext ctx, DatabaseCache cache, KvStore store, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var canonical = cache.Resolver.Canonical(Args.Text(ctx, "path"));
            var table = Args.Bool(ctx, "init_kv") ? KvTable.Parse(Args.Text(ctx, "kv_table")) : null;
            if (File.Exists(canonical) || Directory.Exists(canonical))
                return JsonBody.From(new JsonObject { ["error"] = "Database already exists", ["path"] = canonical }, StatusCodes.Status409Conflict);
            using var lease = cache.Open(canonical, create: true);
            if (table is not null) await lease.Entry.TransactAsync(h => { KvRows.Ensure(h, lease.Entry, table); return 0; }, ctx.RequestAborted);
            return JsonBody.From(new JsonObject { ["status"] = "created", ["path"] = canonical }, StatusCodes.Status201Created);
        });

    private static Task<IResult> Query(HttpContext ctx, DatabaseCache cache, ShareableQuery query, QueryHistory history, SqliteCounters counters) =>
        Guarded.Sql(counters, () =>
        {
            var sql = ShareableQuery.Decode(Args.Text(ctx, "sql"));
            var db = Args.Text(ctx, "db");
            using var lease = cache.Open(db);
            var records = new List<StatementRecord>();
            try
            {
                return Task.FromResult<IResult>(new JsonBody(query.Run(lease.Entry, sql, records, ctx.RequestAborted)));
            }
            finally
            {
                history.Record(lease.Entry.Path, db!, records);
            }
        });

    private static Task<IResult> Maintenance(HttpContext ctx, DatabaseCache cache, IOptions<SqliteOptions> options, TimeProvider time, SqliteCounters counters) =>
        Guarded.Sql(counters, async () =>
        {
            var body = await Args.BodyAsync(ctx, 64 * 1024);
            string? op = null, into = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (doc.RootElement.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String) op = o.GetString();
                    if (doc.RootElement.TryGetProperty("into", out var i) && i.ValueKind == JsonValueKind.String) into = i.GetString();
                }
            }
            catch (JsonException ex)
            {
                throw StoreException.Invalid("Malformed JSON body: " + ex.Message);
            }

            var seconds = Args.Int(ctx, "timeout", (int)options.Value.TransactionTimeout.TotalSeconds, 1, 86_400);
            using var lease = cache.Open(Args.Text(ctx, "db"));
            Func<SqliteHandle, JsonNode?> work = op switch
            {
                "wal_checkpoint_truncate" => h => Pragma(h, "PRAGMA wal_checkpoint(TRUNCATE)"),
                "quick_check" => h => Pragma(h, "PRAGMA quick_check"),
                "integrity_check" => h => Pragma(h, "PRAGMA integrity_check"),
                "vacuum_into" => VacuumInto(cache, into),
                _ => throw StoreException.Invalid("op must be wal_checkpoint_truncate, quick_check, integrity_check or vacuum_into"),
            };
            var result = await lease.Entry.WriteAsync(h =>
            {
                using var interrupt = ctx.RequestAborted.Register(() => raw.sqlite3_interrupt(h.Db));
                return ExecutionGuard.WithDeadline(h, time, TimeSpan.FromSeconds(seconds), () => work(h),
                    () => new StoreException(500, "DATABASE_ERROR", $"interrupted: the operation exceeded its time limit of {seconds} s"));
            }, ctx.RequestAborted);
            return JsonBody.From(new JsonObject { ["op"] = op, ["result"] = result });
        });

    private static JsonArray Pragma(SqliteHandle h, string sql)
    {
        var rows = new JsonArray();
        var rc = raw.sqlite3_prepare_v2(h.Db, sql, out var stmt, out _);
        using (stmt)
        {
            h.Check(rc);
            var names = SqlValues.Columns(stmt);
            while (h.StepRow(stmt))
            {
                var row = new JsonObject();
                for (var c = 0; c < names.Length; c++)
                    row[names[c]] = raw.sqlite3_column_type(stmt, c) == raw.SQLITE_INTEGER
                        ? JsonValue.Create(raw.sqlite3_column_int64(stmt, c))
                        : JsonValue.Create(raw.sqlite3_column_text(stmt, c).utf8_to_string());
                rows.Add((JsonNode)row);
            }
        }

        return rows;
    }

    private static Func<SqliteHandle, JsonNode?> VacuumInto(DatabaseCache cache, string? into)
    {
        var target = cache.Resolver.Canonical(into);
        if (File.Exists(target) || Directory.Exists(target)) throw StoreException.Invalid($"'{target}' already exists");
        return h =>
        {
            var stmt = h.Prepare("VACUUM INTO ?1");
            raw.sqlite3_bind_text(stmt, 1, target);
            try
            {
                h.StepDone(stmt);
            }
            catch (SqliteFailure ex) when (ex.IsInterrupt)
            {
                File.Delete(target); // an interrupted copy (ours: the target did not exist) leaves no partial file behind
                throw;
            }

            return new JsonObject { ["path"] = target, ["size_bytes"] = new FileInfo(target).Length };
        };
    }
}
