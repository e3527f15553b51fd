using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>Statement-level reads and writes of one KV table on a connection (no transactions of their own).</summary>
internal static class KvRows
{
    /// <summary>Whether the value table exists (the KV schema is created on first write).</summary>
    public static bool Exists(SqliteHandle h, DatabaseEntry entry, KvTable table)
    {
        if (entry.EnsuredTables.ContainsKey(table.Name)) return true;
        var stmt = h.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?1, ?1 || '_history')");
        raw.sqlite3_bind_text(stmt, 1, table.Name);
        h.StepRow(stmt);
        var count = raw.sqlite3_column_int(stmt, 0);
        raw.sqlite3_reset(stmt);
        if (count == 2) entry.EnsuredTables[table.Name] = true;
        return count == 2;
    }

    /// <summary>Creates the tables if needed (inside the caller's write transaction).</summary>
    public static void Ensure(SqliteHandle h, DatabaseEntry entry, KvTable table)
    {
        if (entry.EnsuredTables.ContainsKey(table.Name) || h.PendingTables.Contains(table.Name)) return;
        h.Exec(table.Schema);
        h.PendingTables.Add(table.Name); // known to exist once the transaction commits
    }

    /// <summary>The live value of <paramref name="key"/> (null when missing or expired at <paramref name="nowMs"/>).</summary>
    public static KvValue? Read(SqliteHandle h, KvTable table, string key, long nowMs)
    {
        var stmt = h.Prepare(table.SelectRow);
        raw.sqlite3_bind_text(stmt, 1, key);
        try
        {
            if (!h.StepRow(stmt)) return null;
            long? expire = raw.sqlite3_column_type(stmt, 4) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(stmt, 4);
            if (expire <= nowMs) return null;
            return new KvValue(
                raw.sqlite3_column_blob(stmt, 0).ToArray(),
                raw.sqlite3_column_text(stmt, 1).utf8_to_string(),
                raw.sqlite3_column_int64(stmt, 2),
                raw.sqlite3_column_int64(stmt, 3),
                expire,
                raw.sqlite3_column_int64(stmt, 5));
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    /// <summary>Writes the row; in directory mode also stages the key's file (renamed into place once the operation has succeeded).</summary>
    public static void Upsert(SqliteHandle h, KvTable table, string key, KvWrite write, long nowMs, bool mirror = true)
    {
        var stmt = h.Prepare(table.Upsert);
        raw.sqlite3_bind_text(stmt, 1, key);
        raw.sqlite3_bind_blob(stmt, 2, write.Value);
        raw.sqlite3_bind_text(stmt, 3, write.ContentType);
        raw.sqlite3_bind_int64(stmt, 4, nowMs);
        if (write.ExpireAt is { } expire) raw.sqlite3_bind_int64(stmt, 5, expire);
        h.StepDone(stmt);
        if (mirror && h.KeyDirectory is { } dir) h.Files.Write(dir, key, write.Value);
    }

    /// <summary>Deletes the row (in directory mode also, once the operation has succeeded, the key's file); true when a live (unexpired) value was removed.</summary>
    public static bool Delete(SqliteHandle h, KvTable table, string key, long nowMs, bool mirror = true)
    {
        var live = Read(h, table, key, nowMs) is not null;
        var stmt = h.Prepare(table.Delete);
        raw.sqlite3_bind_text(stmt, 1, key);
        h.StepDone(stmt);
        if (mirror && raw.sqlite3_changes(h.Db) > 0 && h.KeyDirectory is { } dir) h.Files.Delete(dir, key);
        return live;
    }

    /// <summary>
    /// Appends an operation to the key's log: the state after it (null value after a delete); with
    /// history off, a <c>gap</c> row. <paramref name="restoredOp"/> marks a key rollback. Returns its op number.
    /// </summary>
    public static long Log(SqliteHandle h, KvTable table, string key, string opType, KvWrite? state, long nowMs, bool history, long? restoredOp = null)
    {
        var (last, top) = LastOp(h, table, key);
        var stmt = h.Prepare(table.AppendOp);
        raw.sqlite3_bind_text(stmt, 1, key);
        raw.sqlite3_bind_int64(stmt, 2, last + 1);
        raw.sqlite3_bind_text(stmt, 3, history ? opType : "gap");
        if (history && state is not null)
        {
            raw.sqlite3_bind_blob(stmt, 4, state.Value);
            raw.sqlite3_bind_text(stmt, 5, state.ContentType);
            if (state.Ttl is { } ttl) raw.sqlite3_bind_int64(stmt, 6, ttl);
            if (state.ExpireAt is { } expire) raw.sqlite3_bind_int64(stmt, 7, expire);
        }

        raw.sqlite3_bind_int64(stmt, 8, nowMs);
        if (restoredOp is { } restored) raw.sqlite3_bind_int64(stmt, 10, restored);
        else raw.sqlite3_bind_int64(stmt, 9, top);
        h.StepDone(stmt);
        return last + 1;
    }

    /// <summary>The key's last op number and the top of its undo stack (0, 0 without history).</summary>
    public static (long Last, long Top) LastOp(SqliteHandle h, KvTable table, string key)
    {
        var stmt = h.Prepare(table.LastOp);
        raw.sqlite3_bind_text(stmt, 1, key);
        try
        {
            if (!h.StepRow(stmt)) return (0, 0);
            var last = raw.sqlite3_column_int64(stmt, 0);
            var top = raw.sqlite3_column_type(stmt, 1) == raw.SQLITE_NULL ? last : raw.sqlite3_column_int64(stmt, 1);
            return (last, top);
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    /// <summary>One logged operation, or null.</summary>
    public static LoggedOp? Op(SqliteHandle h, KvTable table, string key, long opNumber)
    {
        var stmt = h.Prepare(table.OpByNumber);
        raw.sqlite3_bind_text(stmt, 1, key);
        raw.sqlite3_bind_int64(stmt, 2, opNumber);
        return ReadOp(h, stmt, ts: null);
    }

    /// <summary>The key's latest op with <c>ts &lt; cutoffMs</c>, or null.</summary>
    public static LoggedOp? OpBefore(SqliteHandle h, KvTable table, string key, long cutoffMs)
    {
        var stmt = h.Prepare(table.OpAt);
        raw.sqlite3_bind_text(stmt, 1, key);
        raw.sqlite3_bind_int64(stmt, 2, cutoffMs);
        return ReadOp(h, stmt, ts: cutoffMs);
    }

    /// <summary>Steps a bound op query (op_type, value, content_type, expire_at[, ts, parent_op]) to its one row.</summary>
    private static LoggedOp? ReadOp(SqliteHandle h, sqlite3_stmt stmt, long? ts)
    {
        try
        {
            if (!h.StepRow(stmt)) return null;
            return new LoggedOp(
                raw.sqlite3_column_text(stmt, 0).utf8_to_string(),
                raw.sqlite3_column_type(stmt, 1) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(stmt, 1).ToArray(),
                raw.sqlite3_column_type(stmt, 2) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(stmt, 2).utf8_to_string(),
                raw.sqlite3_column_type(stmt, 3) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(stmt, 3),
                ts ?? raw.sqlite3_column_int64(stmt, 4),
                ts is not null || raw.sqlite3_column_type(stmt, 5) == raw.SQLITE_NULL ? 0 : raw.sqlite3_column_int64(stmt, 5));
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    public static bool HasHistory(SqliteHandle h, KvTable table, string key)
    {
        var stmt = h.Prepare(table.HasHistory);
        raw.sqlite3_bind_text(stmt, 1, key);
        var found = h.StepRow(stmt);
        raw.sqlite3_reset(stmt);
        return found;
    }

    /// <summary>Deletes the expired rows (in directory mode their files first); returns how many.</summary>
    public static int DeleteExpired(SqliteHandle h, KvTable table, long nowMs)
    {
        if (h.KeyDirectory is { } dir)
        {
            var expired = new List<string>();
            Keys(h, table.ExpiredKeys, "", nowMs, expired, int.MaxValue);
            foreach (var key in expired)
            {
                try
                {
                    h.Files.Delete(dir, key);
                }
                catch (StoreException ex) when (ex.Status == 400)
                {
                    // a key that cannot be a file (a row written by raw SQL) has no file to remove; its row goes below
                }
            }
        }

        var stmt = h.Prepare(table.DeleteExpired);
        raw.sqlite3_bind_int64(stmt, 1, nowMs);
        h.StepDone(stmt);
        return raw.sqlite3_changes(h.Db);
    }

    /// <summary>Keys of a one-column query with the prefix bounds bound as ?1, ?2 (and ?3 = <paramref name="third"/>).</summary>
    public static void Keys(SqliteHandle h, string sql, string prefix, long third, ICollection<string> into, int max)
    {
        var stmt = h.Prepare(sql);
        raw.sqlite3_bind_text(stmt, 1, prefix);
        raw.sqlite3_bind_text(stmt, 2, KvKey.UpperBound(prefix));
        if (raw.sqlite3_bind_parameter_count(stmt) >= 3) raw.sqlite3_bind_int64(stmt, 3, third);
        try
        {
            while (into.Count < max && h.StepRow(stmt)) into.Add(raw.sqlite3_column_text(stmt, 0).utf8_to_string());
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }
}

/// <summary>A row of a key's log: the state after the op (null value after a delete or in a gap).</summary>
internal sealed record LoggedOp(string OpType, byte[]? Value, string? ContentType, long? ExpireAt, long Ts, long ParentOp)
{
    public bool IsGap => OpType == "gap";
}
