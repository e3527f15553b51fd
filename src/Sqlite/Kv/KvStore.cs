using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// The KV store over one database: values in a table, every write logged in <c>&lt;table&gt;_history</c>
/// in the same <c>BEGIN IMMEDIATE</c> transaction (design §2.4–2.6). Times come from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class KvStore(TimeProvider time)
{
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The live value, or 404 <c>KEY_NOT_FOUND</c> (<c>KEY_EXPIRED</c> while an expired row awaits the sweeper).</summary>
    public KvValue Get(DatabaseEntry entry, KvTable table, string key) => entry.Read(h =>
    {
        if (!KvRows.Exists(h, entry, table)) throw StoreException.KeyNotFound(key);
        if (KvRows.Read(h, table, key, NowMs) is { } value) return value;
        throw KvRows.Read(h, table, key, long.MinValue) is null
            ? StoreException.KeyNotFound(key)
            : StoreException.NotFound("KEY_EXPIRED", $"Key '{key}' has expired");
    });

    /// <summary>A page of live keys in key order.</summary>
    public List<string> List(DatabaseEntry entry, KvTable table, string prefix, int limit, int offset) => entry.Read(h =>
    {
        var keys = new List<string>();
        if (!KvRows.Exists(h, entry, table)) return keys;
        var stmt = h.Prepare(table.ListKeys);
        raw.sqlite3_bind_text(stmt, 1, prefix);
        raw.sqlite3_bind_text(stmt, 2, KvKey.UpperBound(prefix));
        raw.sqlite3_bind_int64(stmt, 3, NowMs);
        raw.sqlite3_bind_int64(stmt, 4, limit);
        raw.sqlite3_bind_int64(stmt, 5, offset);
        while (h.StepRow(stmt)) keys.Add(raw.sqlite3_column_text(stmt, 0).utf8_to_string());
        raw.sqlite3_reset(stmt);
        return keys;
    });

    /// <summary>PUT: stores <paramref name="write"/> (or sets <paramref name="path"/> inside the JSON value); CAS by <paramref name="ifMatch"/>. Returns whether the key was created.</summary>
    public Task<bool> SetAsync(DatabaseEntry entry, KvTable table, string key, KvWrite write, JsonPath? path, byte[]? ifMatch, bool history, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            KvRows.Ensure(h, entry, table);
            var now = NowMs;
            var current = KvRows.Read(h, table, key, now);
            if (ifMatch is not null && (current is null || !KvJson.SameValue(current.Value, ifMatch)))
                throw new StoreException(412, "PRECONDITION_FAILED", "Compare-and-swap failed: current value does not match if_match");
            if (path is not null)
            {
                var root = current is null ? null : KvJson.Parse(current.Value);
                var updated = path.Set(root, KvJson.Parse(write.Value, "The body"));
                write = write with { Value = KvJson.Bytes(updated), ContentType = KvJson.JsonType };
            }

            KvRows.Upsert(h, table, key, write, now);
            KvRows.Log(h, table, key, "set", write, now, history);
            return current is null;
        }, ct);

    /// <summary>DELETE: 404 when the key is missing or expired.</summary>
    public Task DeleteAsync(DatabaseEntry entry, KvTable table, string key, bool history, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            if (!KvRows.Exists(h, entry, table)) throw StoreException.KeyNotFound(key);
            var now = NowMs;
            if (!KvRows.Delete(h, table, key, now)) throw StoreException.KeyNotFound(key);
            KvRows.Log(h, table, key, "delete", null, now, history);
            return true;
        }, ct);

    /// <summary>batch/get: every key's value (null when missing or expired), in one read transaction.</summary>
    public List<KvValue?> GetMany(DatabaseEntry entry, KvTable table, IReadOnlyList<string> keys) => entry.ReadSnapshot(h =>
    {
        var now = NowMs;
        var exists = KvRows.Exists(h, entry, table);
        return keys.Select(k => exists ? KvRows.Read(h, table, k, now) : null).ToList();
    });

    /// <summary>batch/set: all items in one transaction, each logged.</summary>
    public Task<int> SetManyAsync(DatabaseEntry entry, KvTable table, IReadOnlyList<(string Key, KvWrite Write)> items, bool history, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            KvRows.Ensure(h, entry, table);
            var now = NowMs;
            foreach (var (key, write) in items)
            {
                KvRows.Upsert(h, table, key, write, now);
                KvRows.Log(h, table, key, "set", write, now, history);
            }

            return items.Count;
        }, ct);

    /// <summary>batch/delete: one transaction; counts keys actually deleted.</summary>
    public Task<int> DeleteManyAsync(DatabaseEntry entry, KvTable table, IReadOnlyList<string> keys, bool history, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            if (!KvRows.Exists(h, entry, table)) return 0;
            var now = NowMs;
            var count = 0;
            foreach (var key in keys)
            {
                if (!KvRows.Delete(h, table, key, now)) continue;
                KvRows.Log(h, table, key, "delete", null, now, history);
                count++;
            }

            return count;
        }, ct);

    /// <summary>Deletes expired rows of every KV table of a database (no history op: replay reads <c>expire_at</c>).</summary>
    public Task<int> SweepAsync(DatabaseEntry entry, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            var deleted = 0;
            foreach (var name in entry.EnsuredTables.Keys) deleted += KvRows.DeleteExpired(h, KvTable.Parse(name), NowMs);

            return deleted;
        }, ct);
}
