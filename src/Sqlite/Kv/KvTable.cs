using System.Text.RegularExpressions;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>A KV namespace: the value table and its <c>_history</c> table, with the SQL text of every statement on them.</summary>
internal sealed partial class KvTable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, KvTable> s_tables = new(StringComparer.Ordinal);

    private KvTable(string name)
    {
        Name = name;
        var t = $"\"{name}\"";
        var h = $"\"{name}_history\"";
        Schema = $"""
            CREATE TABLE IF NOT EXISTS {t} (key TEXT PRIMARY KEY, value BLOB NOT NULL, content_type TEXT NOT NULL,
              created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER, version INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS {h} (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, op_number INTEGER NOT NULL,
              op_type TEXT NOT NULL, value BLOB, content_type TEXT, ttl INTEGER, expire_at INTEGER, ts INTEGER NOT NULL,
              parent_op INTEGER, restored_op INTEGER, UNIQUE (key, op_number));
            CREATE INDEX IF NOT EXISTS "{name}_history_ts" ON {h}(ts);
            """;
        SelectRow = $"SELECT value, content_type, created_at, updated_at, expire_at, version FROM {t} WHERE key = ?1";
        Upsert = $"""
            INSERT INTO {t} (key, value, content_type, created_at, updated_at, expire_at, version) VALUES (?1, ?2, ?3, ?4, ?4, ?5, 1)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, content_type = excluded.content_type, updated_at = excluded.updated_at,
              expire_at = excluded.expire_at, version = version + 1
            """;
        Delete = $"DELETE FROM {t} WHERE key = ?1";
        ListKeys = $"SELECT key FROM {t} WHERE key >= ?1 AND key < ?2 AND (expire_at IS NULL OR expire_at > ?3) ORDER BY key LIMIT ?4 OFFSET ?5";
        CurrentKeys = $"SELECT key FROM {t} WHERE key >= ?1 AND key < ?2";
        DeleteExpired = $"DELETE FROM {t} WHERE expire_at IS NOT NULL AND expire_at <= ?1";
        ExpiredKeys = $"SELECT key FROM {t} WHERE key >= ?1 AND key < ?2 AND expire_at IS NOT NULL AND expire_at <= ?3";
        LastOp = $"SELECT op_number, restored_op FROM {h} WHERE key = ?1 ORDER BY op_number DESC LIMIT 1";
        AppendOp = $"""
            INSERT INTO {h} (key, op_number, op_type, value, content_type, ttl, expire_at, ts, parent_op, restored_op)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """;
        OpByNumber = $"SELECT op_type, value, content_type, expire_at, ts, parent_op FROM {h} WHERE key = ?1 AND op_number = ?2";
        HistoryPage = $"SELECT op_number, op_type, value, ts, ttl FROM (SELECT * FROM {h} WHERE key = ?1 ORDER BY op_number DESC LIMIT ?2) ORDER BY op_number";
        HistoryCount = $"SELECT count(*) FROM {h} WHERE key = ?1";
        OpAt = $"SELECT op_type, value, content_type, expire_at FROM {h} WHERE key = ?1 AND ts < ?2 ORDER BY seq DESC LIMIT 1";
        HasHistory = $"SELECT 1 FROM {h} WHERE key = ?1 LIMIT 1";
        HistoryKeys = $"SELECT DISTINCT key FROM {h} WHERE ts < ?3 AND key >= ?1 AND key < ?2";
    }

    public string Name { get; }

    public string Schema { get; }

    public string SelectRow { get; }

    public string Upsert { get; }

    public string Delete { get; }

    public string ListKeys { get; }

    public string CurrentKeys { get; }

    public string DeleteExpired { get; }

    public string ExpiredKeys { get; }

    public string LastOp { get; }

    public string AppendOp { get; }

    public string OpByNumber { get; }

    public string HistoryPage { get; }

    public string HistoryCount { get; }

    public string OpAt { get; }

    public string HasHistory { get; }

    public string HistoryKeys { get; }

    /// <summary>A table name as the KV endpoints take it: <c>^[A-Za-z_][A-Za-z0-9_]{0,63}$</c>, not <c>sqlite_*</c>; default <c>kv_store</c>.</summary>
    public static KvTable Parse(string? name)
    {
        name = string.IsNullOrEmpty(name) ? "kv_store" : name;
        if (s_tables.TryGetValue(name, out var known)) return known;
        if (!NamePattern().IsMatch(name) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
            throw StoreException.BadRequest("INVALID_PARAMETERS", "table must match ^[A-Za-z_][A-Za-z0-9_]{0,63}$ and not start with sqlite_");
        var table = new KvTable(name);
        if (s_tables.Count < 1024) s_tables.TryAdd(name, table);
        return table;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
