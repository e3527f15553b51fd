using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Storage;

/// <summary>
/// The handle cache: open databases by canonical path, least recently used closed first (closing
/// checkpoints the WAL). Callers hold a <see cref="DatabaseLease"/> while they use an entry.
/// </summary>
internal sealed class DatabaseCache(IOptions<SqliteOptions> options, DbPathResolver resolver, TimeProvider time) : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<DatabaseEntry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<DatabaseEntry> _order = new();
    private readonly Lock _lock = new();
    private long _requests;
    private long _hits;
    private long _evictions;
    private DateTimeOffset? _lastEvicted;

    public DbPathResolver Resolver => resolver;

    /// <summary>Resolves and opens <paramref name="db"/>: 400/404 as <see cref="DbPathResolver"/> decides.</summary>
    public DatabaseLease Open(string? db, bool create = false, bool directoryMode = false)
    {
        var canonical = resolver.Canonical(db);
        if (TryHit(canonical) is { } hit) return hit;
        var (path, missing) = DbPathResolver.Inspect(canonical, create, directoryMode);
        return Acquire(path, missing);
    }

    /// <summary>An open database whose file is still there: no directory or header checks again.</summary>
    private DatabaseLease? TryHit(string path)
    {
        if (!File.Exists(path)) return null;
        lock (_lock)
        {
            if (!_entries.TryGetValue(path, out var node)) return null;
            Interlocked.Increment(ref _requests);
            Interlocked.Increment(ref _hits);
            if (node != _order.First)
            {
                _order.Remove(node);
                _order.AddFirst(node);
            }

            node.Value.AddLease();
            return new DatabaseLease(node.Value);
        }
    }

    private DatabaseLease Acquire(string path, bool missing)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            if (_entries.TryGetValue(path, out var node))
            {
                // "missing" may be stale: another request created the file meanwhile, or it was deleted under an open handle
                if (!missing || node.Value.InUse || File.Exists(path))
                {
                    Interlocked.Increment(ref _hits);
                    _order.Remove(node);
                    _order.AddFirst(node);
                    node.Value.AddLease();
                    return new DatabaseLease(node.Value);
                }

                _entries.Remove(path);
                _order.Remove(node);
                node.Value.Dispose(); // the file was deleted under us and nobody uses the old handles
            }

            DatabaseEntry entry;
            try
            {
                entry = new DatabaseEntry(path, missing, options.Value.FullDurability, options.Value.WriterWait, time);
            }
            catch (SqliteFailure ex)
            {
                throw new StoreException(500, "DATABASE_ERROR", ex.Message);
            }

            entry.AddLease();
            _entries[path] = _order.AddFirst(entry);
            EvictBeyondCapacity();
            return new DatabaseLease(entry);
        }
    }

    /// <summary>The figures of <c>/health/cache</c>.</summary>
    public CacheSnapshot Snapshot()
    {
        lock (_lock)
        {
            long size = 0;
            foreach (var entry in _order) size += entry.CacheUsed();
            var requests = Interlocked.Read(ref _requests);
            return new CacheSnapshot(
                _entries.Count,
                size,
                options.Value.MaxOpenDatabases,
                requests == 0 ? 0 : (double)Interlocked.Read(ref _hits) / requests,
                Interlocked.Read(ref _evictions),
                _lastEvicted);
        }
    }

    /// <summary>The entries not in use, for the expiry sweeper.</summary>
    public IReadOnlyList<DatabaseLease> LeaseAll()
    {
        lock (_lock)
        {
            return [.. _order.Select(e =>
            {
                e.AddLease();
                return new DatabaseLease(e);
            })];
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _order) entry.Dispose();
            _order.Clear();
            _entries.Clear();
        }
    }

    private void EvictBeyondCapacity()
    {
        var node = _order.Last;
        while (_entries.Count > options.Value.MaxOpenDatabases && node is not null)
        {
            var previous = node.Previous;
            if (!node.Value.InUse)
            {
                _order.Remove(node);
                _entries.Remove(node.Value.Path);
                node.Value.Dispose();
                Interlocked.Increment(ref _evictions);
                _lastEvicted = time.GetUtcNow();
            }

            node = previous;
        }
    }
}

/// <summary>A use of a cached database; dispose when done so it may be evicted.</summary>
internal sealed class DatabaseLease(DatabaseEntry entry) : IDisposable
{
    private int _released;

    public DatabaseEntry Entry { get; } = entry;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) Entry.ReleaseLease();
    }
}

internal sealed record CacheSnapshot(int Entries, long SizeBytes, int Capacity, double HitRatio, long EvictionsTotal, DateTimeOffset? LastEvictedAt);
