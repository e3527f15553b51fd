namespace HoodyKit.Sqlite.Storage;

/// <summary>
/// One native SQLite connection (SQLitePCL.raw) with its prepared statements cached by SQL text.
/// Not thread-safe: a handle is used by one caller at a time (the writer gate or a reader lease).
/// </summary>
internal sealed class SqliteHandle : IDisposable
{
    private static readonly object s_init = new();
    private static bool s_initialized;
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private bool _disposed;

    private SqliteHandle(sqlite3 db, bool readOnly)
    {
        Db = db;
        ReadOnly = readOnly;
    }

    public sqlite3 Db { get; }

    public bool ReadOnly { get; }

    /// <summary>KV tables created by the open transaction: published to the entry only once it commits.</summary>
    public List<string> PendingTables { get; } = [];

    /// <summary>Directory mode, on the writer: the folder whose files are the KV keys (every KV write is mirrored there).</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>Directory mode, on the writer: the file changes of the running operation (published after it succeeds).</summary>
    public Kv.PendingFiles Files { get; } = new();

    /// <summary>The authorizer and deadline installed on this connection, if any.</summary>
    public Sql.ExecutionGuard? Guard { get; set; }

    /// <summary>Opens <paramref name="path"/> (no URI parsing, so <c>file:</c> and <c>;</c> mean nothing).</summary>
    public static SqliteHandle Open(string path, SqliteOpen mode)
    {
        EnsureInitialized();
        var flags = raw.SQLITE_OPEN_NOMUTEX;
        flags |= mode switch
        {
            SqliteOpen.ReadOnly => raw.SQLITE_OPEN_READONLY,
            SqliteOpen.ReadWrite => raw.SQLITE_OPEN_READWRITE,
            _ => raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE,
        };
        var rc = raw.sqlite3_open_v2(path, out var db, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = db is null || db.IsInvalid ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new SqliteFailure(rc, message);
        }

        var handle = new SqliteHandle(db, mode == SqliteOpen.ReadOnly);
        raw.sqlite3_busy_timeout(db, 5000);
        raw.sqlite3_extended_result_codes(db, 1);
        return handle;
    }

    /// <summary>A cached prepared statement, reset and unbound, ready to bind.</summary>
    public sqlite3_stmt Prepare(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_statements.TryGetValue(sql, out var cached))
        {
            raw.sqlite3_reset(cached);
            raw.sqlite3_clear_bindings(cached);
            return cached;
        }

        Check(raw.sqlite3_prepare_v3(Db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt, out _));
        _statements[sql] = stmt;
        return stmt;
    }

    /// <summary>Runs SQL without results (PRAGMAs, BEGIN/COMMIT, DDL).</summary>
    public void Exec(string sql) => Check(raw.sqlite3_exec(Db, sql, null, null, out _));

    /// <summary>Steps a statement to completion, returning the last step's result code checked.</summary>
    public void StepDone(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw Failure(rc);
        raw.sqlite3_reset(stmt);
    }

    /// <summary>True when a row was produced (the statement stays positioned on it until reset).</summary>
    public bool StepRow(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        throw Failure(rc);
    }

    public void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Failure(rc);
    }

    public SqliteFailure Failure(int rc) => new(rc, raw.sqlite3_errmsg(Db).utf8_to_string() ?? "SQLite error " + rc);

    /// <summary>Bytes of page cache in use (<c>SQLITE_DBSTATUS_CACHE_USED</c>).</summary>
    public long CacheUsed()
    {
        raw.sqlite3_db_status(Db, raw.SQLITE_DBSTATUS_CACHE_USED, out var current, out _, 0);
        return current;
    }

    /// <summary>Finalizes cached statements (after a schema change a cached statement stays valid, SQLite re-prepares it).</summary>
    public void ForgetStatements()
    {
        foreach (var stmt in _statements.Values) stmt.Dispose();
        _statements.Clear();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ForgetStatements();
        raw.sqlite3_close_v2(Db);
        Db.Dispose();
    }

    /// <summary>The SQLite library's version (loads the library if needed).</summary>
    public static string LibraryVersion()
    {
        EnsureInitialized();
        return raw.sqlite3_libversion().utf8_to_string();
    }

    private static void EnsureInitialized()
    {
        lock (s_init)
        {
            if (s_initialized) return;
            Batteries_V2.Init();
            s_initialized = true;
        }
    }
}

internal enum SqliteOpen
{
    ReadOnly,
    ReadWrite,
    ReadWriteCreate,
}
