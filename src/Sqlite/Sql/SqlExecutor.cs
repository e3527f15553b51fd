using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Sql;

/// <summary>
/// Runs a <c>POST /db</c> transaction on a database's writer: <c>BEGIN IMMEDIATE</c>, each item in a
/// savepoint, <c>COMMIT</c>. A failing <c>noFail</c> item is undone alone; any other failure rolls
/// everything back and names the item. Writes ws4sqlite's <c>{"results":[…]}</c>.
/// </summary>
internal sealed class SqlExecutor(IOptions<SqliteOptions> options, TimeProvider time)
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Executes <paramref name="request"/>; every statement run is appended to <paramref name="records"/>, failed or not.</summary>
    public Task<byte[]> ExecuteAsync(DatabaseEntry entry, SqlRequest request, List<StatementRecord> records, CancellationToken ct) =>
        entry.WriteAsync(h => Run(h, request, records, ct), ct);

    private byte[] Run(SqliteHandle h, SqlRequest request, List<StatementRecord> records, CancellationToken ct)
    {
        var guard = h.Guard ?? ExecutionGuard.Install(h, time, readOnly: false);
        var output = new ArrayBufferWriter<byte>();
        var itemBuffer = new ArrayBufferWriter<byte>();
        var budget = new ResultBudget(options.Value.TransactionRowLimit, options.Value.MaxResultBytes);
        guard.Arm(options.Value.TransactionTimeout);
        using var interrupt = ct.Register(() => raw.sqlite3_interrupt(h.Db));
        var index = 0;
        try
        {
            h.Exec("BEGIN IMMEDIATE");
            using (var json = new Utf8JsonWriter(output, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteStartArray("results");
                for (; index < request.Items.Count; index++)
                {
                    var item = request.Items[index];
                    itemBuffer.ResetWrittenCount();
                    h.Exec("SAVEPOINT hk_item");
                    try
                    {
                        using (var itemJson = new Utf8JsonWriter(itemBuffer, WriterOptions))
                            RunItem(h, guard, item, request.ListFormat, itemJson, budget, output.WrittenCount, records);
                        h.Exec("RELEASE hk_item");
                        json.Flush();
                        json.WriteRawValue(itemBuffer.WrittenSpan, skipInputValidation: true);
                    }
                    catch (Exception ex) when (item.NoFail && IsItemFailure(ex, guard))
                    {
                        h.Exec("ROLLBACK TO hk_item");
                        h.Exec("RELEASE hk_item");
                        json.WriteStartObject();
                        json.WriteBoolean("success", false);
                        json.WriteString("error", ex.Message);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            guard.Disarm();
            h.Exec("COMMIT");
            return output.WrittenSpan.ToArray();
        }
        catch (Exception ex) when (ex is SqliteFailure or StoreException)
        {
            var failure = Describe(ex, guard, index, ct);
            guard.Disarm();
            if (raw.sqlite3_get_autocommit(h.Db) == 0) h.Exec("ROLLBACK");
            throw failure;
        }
        finally
        {
            guard.Disarm();
        }
    }

    private void RunItem(SqliteHandle h, ExecutionGuard guard, SqlItem item, bool listFormat, Utf8JsonWriter json,
        ResultBudget budget, long writtenBefore, List<StatementRecord> records)
    {
        var statements = new List<(sqlite3_stmt Stmt, string Sql)>();
        try
        {
            try
            {
                SqlStatements.Prepare(h, guard, item.Sql, statements);
            }
            catch (SqliteFailure ex)
            {
                records.Add(new StatementRecord(item.Sql.Trim(), time.GetUtcNow().ToUnixTimeMilliseconds(), 0, false, 0, ex.Message));
                throw;
            }

            if (statements.Count == 0) throw StoreException.Invalid("The item holds no SQL statement");
            var resultIndex = statements.FindLastIndex(s => raw.sqlite3_column_count(s.Stmt) > 0);
            string[]? headers = resultIndex < 0 ? null : SqlValues.Columns(statements[resultIndex].Stmt);
            json.WriteStartObject();
            json.WriteBoolean("success", true);
            if (headers is not null)
            {
                json.WriteStartArray("resultHeaders");
                foreach (var name in headers) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteStartArray("resultSet");
            }

            var perStatement = new long[statements.Count];
            var started = new long[statements.Count];
            var durations = new double[statements.Count];
            var wrote = false;
            var batchCounts = new List<long>();
            var sets = item.ValueSets.Count == 0 ? [default] : item.ValueSets;
            foreach (var set in sets)
            {
                long setChanges = 0;
                for (var s = 0; s < statements.Count; s++)
                {
                    var (stmt, sql) = statements[s];
                    raw.sqlite3_reset(stmt);
                    raw.sqlite3_clear_bindings(stmt);
                    var parameters = raw.sqlite3_bind_parameter_count(stmt);
                    if (set.ValueKind == JsonValueKind.Undefined && parameters > 0)
                        throw StoreException.Invalid($"The statement has {parameters} parameters but no values were given");
                    if (set.ValueKind != JsonValueKind.Undefined) SqlValues.Bind(h, stmt, set);
                    var readOnly = raw.sqlite3_stmt_readonly(stmt) != 0;
                    var before = raw.sqlite3_total_changes(h.Db);
                    if (started[s] == 0) started[s] = time.GetUtcNow().ToUnixTimeMilliseconds();
                    var clock = time.GetTimestamp();
                    long rows = 0;
                    int rc;
                    try
                    {
                        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
                        {
                            rows++;
                            if (s != resultIndex) continue;
                            SqlStatements.WriteRow(json, stmt, headers!, listFormat);
                            budget.Count(json, writtenBefore);
                        }

                        if (rc != raw.SQLITE_DONE) throw h.Failure(rc);
                    }
                    catch (Exception ex) when (ex is SqliteFailure)
                    {
                        records.Add(new StatementRecord(sql, started[s], durations[s] + time.GetElapsedTime(clock).TotalMilliseconds, false, 0, ex.Message));
                        throw;
                    }

                    durations[s] += time.GetElapsedTime(clock).TotalMilliseconds;
                    var changes = readOnly ? 0 : raw.sqlite3_total_changes(h.Db) - before;
                    perStatement[s] += readOnly ? rows : changes;
                    wrote |= !readOnly;
                    setChanges += changes;
                }

                batchCounts.Add(setChanges);
            }

            for (var s = 0; s < statements.Count; s++)
                records.Add(new StatementRecord(statements[s].Sql, started[s], durations[s], true, perStatement[s], null));
            if (headers is not null) json.WriteEndArray();
            if (wrote || headers is null)
            {
                json.WriteNumber("rowsUpdated", batchCounts.Sum());
                if (wrote) json.WriteNumber("lastInsertId", raw.sqlite3_last_insert_rowid(h.Db));
            }

            if (item.Batched)
            {
                json.WriteStartArray("rowsUpdatedBatch");
                foreach (var count in batchCounts) json.WriteNumberValue(count);
                json.WriteEndArray();
            }

            json.WriteNumber("duration_ms", Math.Round(durations.Sum(), 3));
            json.WriteEndObject();
        }
        finally
        {
            foreach (var (stmt, _) in statements) stmt.Dispose();
        }
    }

    /// <summary>Whether a <c>noFail</c> item may absorb <paramref name="ex"/> (not a deadline, a cancel or an oversized result).</summary>
    private static bool IsItemFailure(Exception ex, ExecutionGuard guard) => ex switch
    {
        SqliteFailure f => !f.IsInterrupt && !guard.TimedOut,
        StoreException s => s.Status == 400,
        _ => false,
    };

    private static StoreException Describe(Exception ex, ExecutionGuard guard, int index, CancellationToken ct)
    {
        switch (ex)
        {
            case StoreException store:
                return new StoreException(store.Status, store.Code, store.Message) { ReqIdx = store.ReqIdx >= 0 ? store.ReqIdx : index };
            case SqliteFailure { IsInterrupt: true }:
                var why = guard.TimedOut ? "the transaction exceeded its time limit" : ct.IsCancellationRequested ? "the client went away" : "interrupted";
                return new StoreException(500, "DATABASE_ERROR", "interrupted: " + why) { ReqIdx = index };
            case SqliteFailure when guard.Denied:
                return new StoreException(400, "INVALID_PARAMETERS",
                    "Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is not allowed: each request is one transaction") { ReqIdx = index };
            default:
                return new StoreException(500, "DATABASE_ERROR", ex.Message) { ReqIdx = index };
        }
    }
}
