using System.Collections.Concurrent;

namespace HoodyKit.Sqlite.Storage;

/// <summary>
/// One open database: a single writer connection behind a gate (short <c>BEGIN IMMEDIATE</c>
/// transactions, one at a time) and pools of reader connections used in parallel.
/// </summary>
internal sealed class DatabaseEntry : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentBag<SqliteHandle> _readers = [];
    private readonly ConcurrentBag<SqliteHandle> _guarded = [];
    private readonly SqliteHandle _writer;
    private readonly TimeSpan _writerWait;
    private readonly WriteQueue _queue;
    private int _leases;
    private bool _disposed;

    public DatabaseEntry(string path, bool create, bool fullDurability, TimeSpan writerWait, TimeProvider time)
    {
        Path = path;
        _writerWait = writerWait;
        if (create) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _writer = SqliteHandle.Open(path, create ? SqliteOpen.ReadWriteCreate : SqliteOpen.ReadWrite);
        try
        {
            if (create) _writer.Exec("PRAGMA journal_mode=WAL");
            _writer.Exec(fullDurability ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        if (System.IO.Path.GetFileName(path) == DbPathResolver.DirectoryStoreName) _writer.KeyDirectory = System.IO.Path.GetDirectoryName(path);
        _queue = new WriteQueue(_writer, _gate, writerWait, time, PublishTables);
    }

    public string Path { get; }

    /// <summary>Directory mode: the folder whose files are the keys (the database is its sidecar <c>.hoody-kv.db</c>); null otherwise.</summary>
    public string? KeyDirectory => _writer.KeyDirectory;

    /// <summary>Tables whose KV schema is known to exist (checked once per open).</summary>
    public ConcurrentDictionary<string, bool> EnsuredTables { get; } = new(StringComparer.Ordinal);

    public bool InUse => Volatile.Read(ref _leases) > 0;

    internal void AddLease() => Interlocked.Increment(ref _leases);

    internal void ReleaseLease() => Interlocked.Decrement(ref _leases);

    /// <summary>Runs <paramref name="work"/> on the writer connection, alone; 503 after the configured wait.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteHandle, T> work, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(_writerWait, ct)) throw StoreException.Busy();
        try
        {
            return work(_writer);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer inside <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>, grouped with
    /// other queued operations (each in a savepoint; an exception undoes only its own). Answers after the commit.
    /// </summary>
    public Task<T> TransactAsync<T>(Func<SqliteHandle, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return _queue.Enqueue(work);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reader (plain read-write connection used for reads only).</summary>
    public T Read<T>(Func<SqliteHandle, T> work) => Borrow(_readers, () => SqliteHandle.Open(Path, SqliteOpen.ReadWrite), work);

    /// <summary>Runs <paramref name="work"/> inside one read transaction (a consistent snapshot).</summary>
    public T ReadSnapshot<T>(Func<SqliteHandle, T> work) => Read(h =>
    {
        h.Exec("BEGIN");
        try
        {
            return work(h);
        }
        finally
        {
            h.Exec("COMMIT");
        }
    });

    /// <summary>Runs <paramref name="work"/> on a read-only connection from the guarded pool (used by <c>GET /query</c>).</summary>
    public T ReadGuarded<T>(Func<SqliteHandle, T> work) => Borrow(_guarded, OpenGuarded, work);

    /// <summary>Bytes of page cache held by this database's connections.</summary>
    public long CacheUsed() => _writer.CacheUsed() + _readers.Sum(r => r.CacheUsed()) + _guarded.Sum(r => r.CacheUsed());

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Dispose();
        while (_readers.TryTake(out var r)) r.Dispose();
        while (_guarded.TryTake(out var g)) g.Dispose();
        _writer.Dispose();
        _gate.Dispose();
    }

    private void PublishTables(SqliteHandle h)
    {
        foreach (var name in h.PendingTables) EnsuredTables[name] = true;
        h.PendingTables.Clear();
    }

    /// <summary>Takes a connection from <paramref name="pool"/> (or opens one) and gives it back unless it was left inside a transaction.</summary>
    private T Borrow<T>(ConcurrentBag<SqliteHandle> pool, Func<SqliteHandle> open, Func<SqliteHandle, T> work)
    {
        var handle = pool.TryTake(out var pooled) ? pooled : open();
        var healthy = false;
        try
        {
            var result = work(handle);
            healthy = raw.sqlite3_get_autocommit(handle.Db) != 0;
            return result;
        }
        finally
        {
            Return(pool, handle, healthy);
        }
    }

    private SqliteHandle OpenGuarded()
    {
        var handle = SqliteHandle.Open(Path, SqliteOpen.ReadOnly);
        handle.Exec("PRAGMA query_only=1");
        return handle;
    }

    private void Return(ConcurrentBag<SqliteHandle> pool, SqliteHandle handle, bool healthy)
    {
        if (!healthy || _disposed || pool.Count >= 8) handle.Dispose();
        else pool.Add(handle);
    }
}
