using System.Buffers;
using System.Text;
using System.Text.Json;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Sql;

/// <summary>
/// <c>GET /query</c>: one statement on a read-only connection whose authorizer admits only reads,
/// with <c>query_only</c>, <c>sqlite3_stmt_readonly</c> and a deadline. Writes <c>{columns,rows,truncated,query_ms}</c>.
/// </summary>
internal sealed class ShareableQuery(IOptions<SqliteOptions> options, TimeProvider time)
{
    public const string ReadOnlyMessage = "Only read-only statements are allowed in shareable queries";

    /// <summary>The SQL text of a <c>sql</c> parameter: standard or URL-safe base64, padded or not (spaces read as <c>+</c>).</summary>
    public static string Decode(string? encoded)
    {
        if (string.IsNullOrWhiteSpace(encoded)) throw StoreException.Invalid("sql is required (base64-encoded SQL)");
        var text = encoded.Trim().Replace(' ', '+').Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw StoreException.Invalid("sql is not valid base64");
        }

        try
        {
            var sql = new UTF8Encoding(false, true).GetString(bytes);
            if (string.IsNullOrWhiteSpace(sql)) throw StoreException.Invalid("sql is empty");
            return sql;
        }
        catch (DecoderFallbackException)
        {
            throw StoreException.Invalid("sql is not valid UTF-8");
        }
    }

    public byte[] Run(DatabaseEntry entry, string sql, List<StatementRecord> records, CancellationToken ct) =>
        entry.ReadGuarded(h => Run(h, sql, records, ct));

    private byte[] Run(SqliteHandle h, string sql, List<StatementRecord> records, CancellationToken ct)
    {
        var guard = h.Guard ?? ExecutionGuard.Install(h, time, readOnly: true);
        guard.Arm(options.Value.QueryTimeout);
        using var interrupt = ct.Register(() => raw.sqlite3_interrupt(h.Db));
        var startedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var clock = time.GetTimestamp();
        try
        {
            var rc = raw.sqlite3_prepare_v2(h.Db, sql, out var stmt, out var tail);
            using (stmt)
            {
                if (rc != raw.SQLITE_OK) throw Refusal(h, rc, guard);
                if (stmt is null || stmt.IsInvalid) throw StoreException.Invalid("sql holds no statement");
                if (HasAnotherStatement(h, tail)) throw StoreException.Invalid("Shareable queries run exactly one statement");
                if (raw.sqlite3_stmt_readonly(stmt) == 0) throw StoreException.Invalid(ReadOnlyMessage);
                var body = Write(h, stmt, guard, clock, out var rows);
                records.Add(new StatementRecord(sql, startedMs, time.GetElapsedTime(clock).TotalMilliseconds, true, rows, null));
                return body;
            }
        }
        catch (StoreException ex)
        {
            records.Add(new StatementRecord(sql, startedMs, time.GetElapsedTime(clock).TotalMilliseconds, false, 0, ex.Message));
            throw;
        }
        finally
        {
            guard.Disarm();
        }
    }

    private byte[] Write(SqliteHandle h, sqlite3_stmt stmt, ExecutionGuard guard, long clock, out long rows)
    {
        var output = new ArrayBufferWriter<byte>();
        var headers = SqlValues.Columns(stmt);
        var limit = options.Value.QueryRowLimit;
        var maxBytes = options.Value.MaxResultBytes;
        var truncated = false;
        rows = 0;
        using var json = new Utf8JsonWriter(output, SqlExecutor.WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("columns");
        foreach (var name in headers) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("rows");
        int rc;
        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
        {
            if (rows == limit)
            {
                truncated = true;
                break;
            }

            SqlStatements.WriteRow(json, stmt, headers, listFormat: true);
            rows++;
            if (json.BytesCommitted + json.BytesPending > maxBytes)
                throw new StoreException(413, "RESULT_TOO_LARGE", $"The result is larger than {maxBytes} bytes");
        }

        if (!truncated && rc != raw.SQLITE_DONE) throw Refusal(h, rc, guard);
        json.WriteEndArray();
        json.WriteBoolean("truncated", truncated);
        json.WriteNumber("query_ms", Math.Round(time.GetElapsedTime(clock).TotalMilliseconds, 3));
        json.WriteEndObject();
        json.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static StoreException Refusal(SqliteHandle h, int rc, ExecutionGuard guard)
    {
        var primary = rc & 0xFF;
        if (guard.Denied || primary is raw.SQLITE_AUTH or raw.SQLITE_READONLY)
            return StoreException.Invalid(ReadOnlyMessage);
        if (primary == raw.SQLITE_INTERRUPT)
            return new StoreException(500, "DATABASE_ERROR", guard.TimedOut ? "interrupted: the query exceeded its time limit" : "interrupted");
        return new StoreException(500, "DATABASE_ERROR", h.Failure(rc).Message);
    }

    /// <summary>Whether SQLite finds a statement (or an error) in what follows the first one: comments and semicolons alone are nothing.</summary>
    private static bool HasAnotherStatement(SqliteHandle h, string? tail)
    {
        if (string.IsNullOrWhiteSpace(tail)) return false;
        var rc = raw.sqlite3_prepare_v2(h.Db, tail, out var next, out _);
        using (next)
            return rc != raw.SQLITE_OK || (next is not null && !next.IsInvalid);
    }
}
