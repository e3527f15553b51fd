using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Sql;

/// <summary>
/// The guards SQLite applies on one connection (design §4): an authorizer (transaction control
/// refused in <c>POST /db</c>; only reads in <c>GET /query</c>) and a progress-handler deadline that
/// interrupts a running statement. Installed once per connection; armed per request.
/// </summary>
internal sealed class ExecutionGuard
{
    private static readonly HashSet<string> s_readPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "table_list",
    };

    private readonly TimeProvider _time;
    private long _deadline;

    private ExecutionGuard(TimeProvider time, bool readOnly)
    {
        _time = time;
        ReadOnly = readOnly;
    }

    /// <summary>Only SELECT, reads, functions, recursive CTEs and schema PRAGMAs are authorized.</summary>
    public bool ReadOnly { get; }

    /// <summary>While true, <c>BEGIN</c>/<c>COMMIT</c>/<c>ROLLBACK</c>/<c>SAVEPOINT</c> of user SQL are refused.</summary>
    public bool BlockTransactionControl { get; set; }

    /// <summary>Set when the authorizer refused something since <see cref="Arm"/>.</summary>
    public bool Denied { get; private set; }

    /// <summary>Set when the deadline interrupted a statement since <see cref="Arm"/>.</summary>
    public bool TimedOut { get; private set; }

    public static ExecutionGuard Install(SqliteHandle handle, TimeProvider time, bool readOnly)
    {
        var guard = new ExecutionGuard(time, readOnly);
        raw.sqlite3_set_authorizer(handle.Db, Authorize, guard);
        raw.sqlite3_progress_handler(handle.Db, 1000, Progress, guard);
        handle.Guard = guard;
        return guard;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="handle"/> with a deadline of <paramref name="limit"/>: a statement
    /// still running past it is interrupted and <paramref name="timedOut"/> is thrown instead of SQLite's interrupt.
    /// </summary>
    public static T WithDeadline<T>(SqliteHandle handle, TimeProvider time, TimeSpan limit, Func<T> work, Func<Exception> timedOut)
    {
        var guard = handle.Guard ?? Install(handle, time, readOnly: false);
        guard.Arm(limit);
        try
        {
            return work();
        }
        catch (SqliteFailure ex) when (ex.IsInterrupt && guard.TimedOut)
        {
            throw timedOut();
        }
        finally
        {
            guard.Disarm();
        }
    }

    /// <summary>Starts a request: clears the flags and sets the deadline.</summary>
    public void Arm(TimeSpan limit)
    {
        Denied = false;
        TimedOut = false;
        Volatile.Write(ref _deadline, _time.GetTimestamp() + (long)(limit.TotalSeconds * _time.TimestampFrequency));
    }

    /// <summary>Ends a request: no deadline, no blocking.</summary>
    public void Disarm()
    {
        Volatile.Write(ref _deadline, 0);
        BlockTransactionControl = false;
    }

    private static int Progress(object user)
    {
        var guard = (ExecutionGuard)user;
        var deadline = Volatile.Read(ref guard._deadline);
        if (deadline == 0 || guard._time.GetTimestamp() < deadline) return 0;
        guard.TimedOut = true;
        return 1;
    }

    private static int Authorize(object user, int action, string param0, string param1, string dbName, string inner)
    {
        var guard = (ExecutionGuard)user;
        if (guard.ReadOnly)
        {
            var allowed = action switch
            {
                raw.SQLITE_SELECT or raw.SQLITE_READ or raw.SQLITE_RECURSIVE => true,
                raw.SQLITE_FUNCTION => !string.Equals(param1, "load_extension", StringComparison.OrdinalIgnoreCase),
                raw.SQLITE_PRAGMA => s_readPragmas.Contains(param0 ?? ""),
                _ => false,
            };
            if (allowed) return raw.SQLITE_OK;
            guard.Denied = true;
            return raw.SQLITE_DENY;
        }

        if (guard.BlockTransactionControl && action is raw.SQLITE_TRANSACTION or raw.SQLITE_SAVEPOINT)
        {
            guard.Denied = true;
            return raw.SQLITE_DENY;
        }

        return raw.SQLITE_OK;
    }
}
