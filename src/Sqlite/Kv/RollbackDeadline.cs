using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// The deadline of one table rollback, counted from the request: checked between keys in C#, and
/// during the replay's statements by the writer's progress handler (only around read statements: an
/// interrupted write would roll back the whole group-commit transaction). Past it: 503, nothing kept.
/// </summary>
internal sealed class RollbackDeadline(TimeProvider time, TimeSpan limit)
{
    private readonly long _started = time.GetTimestamp();

    /// <summary>503 "Request deadline exceeded before commit" when the limit has passed.</summary>
    public void Check()
    {
        if (time.GetElapsedTime(_started) >= limit) throw Exceeded();
    }

    /// <summary>Runs the read-only <paramref name="replay"/> under the progress-handler deadline for the time left.</summary>
    public T Replay<T>(SqliteHandle h, Func<T> replay) =>
        ExecutionGuard.WithDeadline(h, time, limit - time.GetElapsedTime(_started), replay, Exceeded);

    private static StoreException Exceeded() => new(503, "DEADLINE_EXCEEDED", "Request deadline exceeded before commit");
}
