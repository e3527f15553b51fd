using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// The table at a past point, replayed from the state-based log inside one read transaction: a key's
/// state at T is its latest op with <c>ts</c> before the cutoff; gap ops (and keys with no history that
/// exist now) make the state unknown (design §2.6).
/// </summary>
internal sealed class KvTimeTravel(KvStore store, TimeProvider time, IOptions<SqliteOptions> options)
{
    public const int CandidateLimit = 10_000;

    /// <summary>The value of one key at <paramref name="at"/>: 404 absent, 409 gap.</summary>
    public static LoggedOp ValueAt(DatabaseEntry entry, KvTable table, string key, PointInTime at) => entry.ReadSnapshot(h =>
    {
        if (!KvRows.Exists(h, entry, table)) throw StoreException.KeyNotFound(key);
        var state = StateAt(h, table, key, at, existsNow: KvRows.Read(h, table, key, long.MinValue) is not null);
        if (state.Kind == AtKind.Gap) throw StoreException.Gap("Time-travel chain gap detected for the requested timestamp");
        return state.Kind == AtKind.Present ? state.Op! : throw StoreException.KeyNotFound(key);
    });

    /// <summary>Every candidate key's state at <paramref name="at"/> (gap keys separately), in key order.</summary>
    public static TableAt TableAt(DatabaseEntry entry, KvTable table, PointInTime at, string prefix, IReadOnlyCollection<string>? only) =>
        entry.ReadSnapshot(h => TableAt(h, entry, table, at, prefix, only));

    /// <summary>The states at two points over the same candidates (those of the later point).</summary>
    public static (TableAt From, TableAt To) Diff(DatabaseEntry entry, KvTable table, PointInTime from, PointInTime to, IReadOnlyCollection<string>? only) =>
        entry.ReadSnapshot(h =>
        {
            var later = TableAt(h, entry, table, to, "", only);
            var candidates = later.Present.Keys.Concat(later.Gaps).Concat(later.Absent).ToList();
            var earlier = TableAt(h, entry, table, from, "", candidates);
            return (earlier, later);
        });

    /// <summary>
    /// Restores the table to <paramref name="at"/>: one transaction, a <c>rollback</c> op per changed key; 409 on a gap key.
    /// The whole request (queue wait, replay, writes) has <see cref="SqliteOptions.TableRollbackTimeout"/>; past it,
    /// 503 and nothing is written (the replay is interrupted by the progress handler, the writes checked per key).
    /// </summary>
    public Task<TableRollback> RollbackAsync(DatabaseEntry entry, KvTable table, PointInTime at, IReadOnlyCollection<string>? only,
        IReadOnlySet<string> exclude, bool dryRun, CancellationToken ct)
    {
        var deadline = new RollbackDeadline(time, options.Value.TableRollbackTimeout);
        return entry.TransactAsync(h =>
        {
            var changes = new List<(string Key, string Action)>();
            deadline.Check();
            if (!KvRows.Exists(h, entry, table)) return new TableRollback(0, 0, changes);
            var past = deadline.Replay(h, () => TableAt(h, entry, table, at, "", only));
            var gaps = past.Gaps.Where(k => !exclude.Contains(k)).ToList();
            if (gaps.Count > 0) throw StoreException.Gap($"Time-travel chain gap detected for keys: {string.Join(", ", gaps.Take(20))}");
            var now = store.NowMs;
            int restored = 0, deleted = 0;
            foreach (var (key, op) in past.Present)
            {
                if (exclude.Contains(key)) continue;
                deadline.Check();
                var current = KvRows.Read(h, table, key, now);
                if (current is not null && current.Value.AsSpan().SequenceEqual(op.Value) && current.ContentType == op.ContentType) continue;
                restored++;
                changes.Add((key, "restore"));
                if (dryRun) continue;
                var write = new KvWrite(op.Value!, op.ContentType ?? "application/octet-stream", op.ExpireAt, null);
                KvRows.Upsert(h, table, key, write, now);
                KvRows.Log(h, table, key, "rollback", write, now, history: true);
            }

            foreach (var key in past.Absent)
            {
                if (exclude.Contains(key)) continue;
                deadline.Check();
                if (KvRows.Read(h, table, key, now) is null) continue;
                deleted++;
                changes.Add((key, "delete"));
                if (dryRun) continue;
                KvRows.Delete(h, table, key, now);
                KvRows.Log(h, table, key, "rollback", null, now, history: true);
            }

            deadline.Check();
            return new TableRollback(restored, deleted, changes);
        }, ct);
    }

    private static TableAt TableAt(SqliteHandle h, DatabaseEntry entry, KvTable table, PointInTime at, string prefix, IReadOnlyCollection<string>? only)
    {
        var result = new TableAt();
        if (!KvRows.Exists(h, entry, table)) return result;
        var current = new HashSet<string>(StringComparer.Ordinal);
        KvRows.Keys(h, table.CurrentKeys, prefix, 0, current, int.MaxValue);
        SortedSet<string> candidates;
        if (only is not null)
        {
            candidates = new SortedSet<string>(only.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)), StringComparer.Ordinal);
        }
        else
        {
            candidates = new SortedSet<string>(StringComparer.Ordinal);
            KvRows.Keys(h, table.HistoryKeys, prefix, at.CutoffMs, candidates, CandidateLimit + 1);
            foreach (var key in current)
            {
                if (candidates.Count > CandidateLimit) break;
                candidates.Add(key);
            }

            if (candidates.Count > CandidateLimit)
            {
                result.CandidateTruncated = true;
                while (candidates.Count > CandidateLimit) candidates.Remove(candidates.Max!);
            }
        }

        foreach (var key in candidates)
        {
            var state = StateAt(h, table, key, at, current.Contains(key));
            switch (state.Kind)
            {
                case AtKind.Present:
                    result.Present[key] = state.Op!;
                    break;
                case AtKind.Gap:
                    result.Gaps.Add(key);
                    break;
                default:
                    result.Absent.Add(key);
                    break;
            }
        }

        return result;
    }

    private static (AtKind Kind, LoggedOp? Op) StateAt(SqliteHandle h, KvTable table, string key, PointInTime at, bool existsNow)
    {
        var op = KvRows.OpBefore(h, table, key, at.CutoffMs);
        if (op is null) return !existsNow || KvRows.HasHistory(h, table, key) ? (AtKind.Absent, null) : (AtKind.Gap, null);
        if (op.IsGap) return (AtKind.Gap, null);
        if (op.Value is null || op.ExpireAt <= at.AtMs) return (AtKind.Absent, null);
        return (AtKind.Present, op);
    }

    private enum AtKind
    {
        Absent,
        Present,
        Gap,
    }
}

/// <summary>A point in time from an API parameter: seconds (ops with <c>ts &lt; (T+1)·1000</c>) or, from 1e11 on, milliseconds.</summary>
internal readonly record struct PointInTime(long AtMs, long CutoffMs, double Given)
{
    public static PointInTime From(double value)
    {
        if (value >= 1e11)
        {
            var ms = (long)Math.Floor(value);
            return new PointInTime(ms, ms + 1, value);
        }

        var seconds = (long)Math.Floor(value);
        return new PointInTime(seconds * 1000, (seconds + 1) * 1000, value);
    }
}

internal sealed class TableAt
{
    public SortedDictionary<string, LoggedOp> Present { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Gaps { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Absent { get; } = new(StringComparer.Ordinal);

    public bool CandidateTruncated { get; set; }
}

internal sealed record TableRollback(int KeysRestored, int KeysDeleted, List<(string Key, string Action)> Changes);
