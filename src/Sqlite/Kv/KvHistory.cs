using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>Per-key history: the log, a snapshot at an op, and rollback by walking the undo stack (design §2.6).</summary>
internal sealed class KvHistory(KvStore store)
{
    /// <summary>The newest <paramref name="limit"/> ops in ascending order, and the total.</summary>
    public static (List<HistoryOp> Ops, long Total) History(DatabaseEntry entry, KvTable table, string key, int limit) => entry.ReadSnapshot(h =>
    {
        var ops = new List<HistoryOp>();
        if (!KvRows.Exists(h, entry, table)) return (ops, 0L);
        var stmt = h.Prepare(table.HistoryPage);
        raw.sqlite3_bind_text(stmt, 1, key);
        raw.sqlite3_bind_int64(stmt, 2, limit);
        while (h.StepRow(stmt))
        {
            ops.Add(new HistoryOp(
                raw.sqlite3_column_int64(stmt, 0),
                raw.sqlite3_column_text(stmt, 1).utf8_to_string(),
                raw.sqlite3_column_type(stmt, 2) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(stmt, 2).ToArray(),
                raw.sqlite3_column_int64(stmt, 3),
                raw.sqlite3_column_type(stmt, 4) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(stmt, 4)));
        }

        raw.sqlite3_reset(stmt);
        var count = h.Prepare(table.HistoryCount);
        raw.sqlite3_bind_text(count, 1, key);
        h.StepRow(count);
        var total = raw.sqlite3_column_int64(count, 0);
        raw.sqlite3_reset(count);
        return (ops, total);
    });

    /// <summary>The op <paramref name="opNumber"/> of the key: 404 when there is none, 409 on a gap.</summary>
    public static LoggedOp Snapshot(DatabaseEntry entry, KvTable table, string key, long opNumber) => entry.Read(h =>
    {
        var op = (KvRows.Exists(h, entry, table) ? KvRows.Op(h, table, key, opNumber) : null)
            ?? throw StoreException.NotFound("KEY_NOT_FOUND", $"No operation {opNumber} for key '{key}'");
        if (op.IsGap) throw StoreException.Gap($"Operation {opNumber} of key '{key}' is a history gap (written with history=false)");
        return op;
    });

    /// <summary>Undoes up to <paramref name="steps"/> ops: applies the landing state and appends a <c>rollback</c> op.</summary>
    public Task<RollbackResult> RollbackAsync(DatabaseEntry entry, KvTable table, string key, int steps, CancellationToken ct) =>
        entry.TransactAsync(h =>
        {
            if (!KvRows.Exists(h, entry, table)) throw NoHistory(key);
            var (_, top) = KvRows.LastOp(h, table, key);
            var landing = top;
            var taken = 0;
            LoggedOp? landed = null;
            while (taken < steps && landing > 0)
            {
                var op = KvRows.Op(h, table, key, landing) ?? throw new StoreException(500, "DATABASE_ERROR", $"History of key '{key}' is broken at op {landing}");
                landing = op.ParentOp;
                taken++;
            }

            if (taken == 0) throw NoHistory(key);
            if (landing > 0)
            {
                landed = KvRows.Op(h, table, key, landing);
                if (landed?.IsGap == true) throw StoreException.Gap($"Rolling back key '{key}' would land on a history gap (op {landing})");
            }

            var now = store.NowMs;
            KvWrite? state = landed?.Value is { } value && !(landed.ExpireAt <= now)
                ? new KvWrite(value, landed.ContentType ?? "application/octet-stream", landed.ExpireAt, null)
                : null;
            if (state is null) KvRows.Delete(h, table, key, now);
            else KvRows.Upsert(h, table, key, state, now);
            var opNumber = KvRows.Log(h, table, key, "rollback", state, now, history: true, restoredOp: landing);
            return new RollbackResult(taken, opNumber, state);
        }, ct);

    private static StoreException NoHistory(string key) => StoreException.NotFound("KEY_NOT_FOUND", $"No history found for key '{key}'");
}

internal sealed record HistoryOp(long OpNumber, string OpType, byte[]? Value, long Ts, long? Ttl);

internal sealed record RollbackResult(int StepsUndone, long CurrentOpNumber, KvWrite? State);
