using HoodyKit.Core.Hosting;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.History;

/// <summary>
/// The query history of <c>/db</c> and <c>/query</c>: one entry per statement, kept in
/// <c>&lt;data-dir&gt;/sqlite/query-history.db</c> keyed by canonical database path (never in the user's
/// database). Recording only queues; the queue is written by <see cref="HistoryFlusher"/> and before every read.
/// </summary>
internal sealed class QueryHistory : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY AUTOINCREMENT, db_key TEXT NOT NULL, db TEXT NOT NULL,
          sql TEXT NOT NULL, ts INTEGER NOT NULL, duration_ms REAL NOT NULL, status TEXT NOT NULL, rows_affected INTEGER NOT NULL, error TEXT);
        CREATE INDEX IF NOT EXISTS entries_db ON entries(db_key, id);
        """;

    private readonly Lock _pendingLock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _path;
    private readonly int _limit;
    private List<(string Key, string Db, StatementRecord Record)> _pending = [];
    private SqliteHandle? _handle;

    public QueryHistory(KitSettings settings, IOptions<SqliteOptions> options)
    {
        _path = Path.Combine(settings.ModuleDataDir("sqlite"), "query-history.db");
        _limit = options.Value.QueryHistoryLimit;
    }

    public void Record(string canonical, string given, IEnumerable<StatementRecord> records)
    {
        lock (_pendingLock)
            foreach (var record in records) _pending.Add((canonical, given, record));
    }

    /// <summary>Writes everything queued so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            List<(string Key, string Db, StatementRecord Record)> batch;
            lock (_pendingLock)
            {
                batch = _pending;
                _pending = [];
            }

            if (batch.Count == 0) return;
            var h = Handle();
            h.Exec("BEGIN IMMEDIATE");
            try
            {
                var insert = h.Prepare("INSERT INTO entries (db_key, db, sql, ts, duration_ms, status, rows_affected, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
                foreach (var (key, db, r) in batch)
                {
                    raw.sqlite3_bind_text(insert, 1, key);
                    raw.sqlite3_bind_text(insert, 2, db);
                    raw.sqlite3_bind_text(insert, 3, r.Sql);
                    raw.sqlite3_bind_int64(insert, 4, r.TimestampMs);
                    raw.sqlite3_bind_double(insert, 5, Math.Round(r.DurationMs, 3));
                    raw.sqlite3_bind_text(insert, 6, r.Ok ? "ok" : "error");
                    raw.sqlite3_bind_int64(insert, 7, r.RowsAffected);
                    if (r.Error is null) raw.sqlite3_bind_null(insert, 8);
                    else raw.sqlite3_bind_text(insert, 8, r.Error);
                    h.StepDone(insert);
                }

                var trim = h.Prepare("DELETE FROM entries WHERE db_key = ?1 AND id <= (SELECT id FROM entries WHERE db_key = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
                foreach (var key in batch.Select(b => b.Key).Distinct())
                {
                    raw.sqlite3_bind_text(trim, 1, key);
                    raw.sqlite3_bind_int64(trim, 2, _limit);
                    h.StepDone(trim);
                }

                h.Exec("COMMIT");
            }
            catch
            {
                h.Exec("ROLLBACK");
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the history database after flushing the queue.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteHandle, T> work, CancellationToken ct)
    {
        await FlushAsync(ct);
        await _writeLock.WaitAsync(ct);
        try
        {
            return work(Handle());
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _writeLock.Dispose();
    }

    private SqliteHandle Handle()
    {
        if (_handle is not null) return _handle;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var handle = SqliteHandle.Open(_path, SqliteOpen.ReadWriteCreate);
        handle.Exec("PRAGMA journal_mode=WAL");
        handle.Exec(Schema);
        return _handle = handle;
    }
}
