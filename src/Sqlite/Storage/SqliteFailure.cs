namespace HoodyKit.Sqlite.Storage;

/// <summary>An error reported by SQLite itself: its result code and <c>sqlite3_errmsg</c>.</summary>
internal sealed class SqliteFailure(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>The primary result code (the low byte of an extended code).</summary>
    public int Primary => Code & 0xFF;

    public bool IsInterrupt => Primary == raw.SQLITE_INTERRUPT;
}
