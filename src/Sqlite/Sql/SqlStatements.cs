using System.Text.Json;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Sql;

/// <summary>Preparing a multi-statement SQL text and writing result rows, shared by <c>POST /db</c> and <c>GET /query</c>.</summary>
internal static class SqlStatements
{
    /// <summary>Prepares every statement of <paramref name="sql"/> (its tail included) with transaction control refused.</summary>
    public static void Prepare(SqliteHandle h, ExecutionGuard guard, string sql, List<(sqlite3_stmt, string)> statements)
    {
        var rest = sql;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            guard.BlockTransactionControl = true;
            var rc = raw.sqlite3_prepare_v2(h.Db, rest, out var stmt, out var tail);
            guard.BlockTransactionControl = false;
            if (rc != raw.SQLITE_OK)
            {
                stmt?.Dispose();
                throw h.Failure(rc);
            }

            var text = tail is null ? rest : rest[..^tail.Length];
            rest = tail;
            if (stmt is null || stmt.IsInvalid)
            {
                stmt?.Dispose();
                continue; // a comment-only remainder
            }

            statements.Add((stmt, text.Trim()));
        }
    }

    /// <summary>Writes the current row as an object keyed by column, or as an array.</summary>
    public static void WriteRow(Utf8JsonWriter json, sqlite3_stmt stmt, string[] headers, bool listFormat)
    {
        if (listFormat)
        {
            json.WriteStartArray();
            for (var c = 0; c < headers.Length; c++) SqlValues.Write(json, stmt, c);
            json.WriteEndArray();
            return;
        }

        json.WriteStartObject();
        for (var c = 0; c < headers.Length; c++)
        {
            json.WritePropertyName(headers[c]);
            SqlValues.Write(json, stmt, c);
        }

        json.WriteEndObject();
    }
}
