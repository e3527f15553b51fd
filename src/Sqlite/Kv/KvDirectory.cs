using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// Directory mode's <c>rebuild</c>: the files are the truth and the sidecar table their cache, so a rebuild
/// re-reads the directory in one write transaction: new or changed files become <c>set</c> ops, rows whose
/// file is gone <c>delete</c> ops (history on), expired keys are swept first so they are not read back.
/// </summary>
internal sealed class KvDirectory(KvStore store)
{
    /// <summary>Re-reads the directory into <paramref name="table"/>; nothing outside directory mode.</summary>
    public Task<DirectoryRebuild> RebuildAsync(DatabaseEntry entry, KvTable table, CancellationToken ct)
    {
        if (entry.KeyDirectory is null) return Task.FromResult(new DirectoryRebuild(0, 0));
        return entry.TransactAsync(h =>
        {
            var dir = h.KeyDirectory!;
            var now = store.NowMs;
            KvRows.Ensure(h, entry, table);
            KvRows.DeleteExpired(h, table, now);
            var files = KeyFiles.Scan(dir);
            int imported = 0, removed = 0;
            foreach (var (key, path) in files)
            {
                var bytes = KeyFiles.Read(path, key);
                var current = KvRows.Read(h, table, key, now);
                if (current is not null && current.Value.AsSpan().SequenceEqual(bytes)) continue;
                var write = new KvWrite(bytes, KvJson.ContentType(current?.ContentType, bytes), current?.ExpireAt, null);
                KvRows.Upsert(h, table, key, write, now, mirror: false);
                KvRows.Log(h, table, key, "set", write, now, history: true);
                imported++;
            }

            var cached = new List<string>();
            KvRows.Keys(h, table.CurrentKeys, "", 0, cached, int.MaxValue);
            foreach (var key in cached.Where(k => !files.ContainsKey(k)))
            {
                KvRows.Delete(h, table, key, now, mirror: false);
                KvRows.Log(h, table, key, "delete", null, now, history: true);
                removed++;
            }

            return new DirectoryRebuild(imported, removed);
        }, ct);
    }
}

/// <summary>What a rebuild changed in the cache: files read in, rows dropped because their file is gone.</summary>
internal sealed record DirectoryRebuild(int Imported, int Removed);
