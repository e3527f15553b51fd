namespace HoodyKit.Sqlite;

/// <summary>sqlite settings (section <c>Sqlite</c>).</summary>
public sealed class SqliteOptions
{
    public const string Section = "Sqlite";

    /// <summary>Where bare database names live (<c>app</c> → <c>&lt;DatabaseDir&gt;/app.db</c>); created on demand.</summary>
    public string DatabaseDir { get; set; } = "/hoody/databases";

    /// <summary>When set, every database path must lie under one of these folders.</summary>
    public IList<string> Roots { get; } = [];

    /// <summary><c>Normal</c> (WAL + synchronous=NORMAL, SQLite's recommendation) or <c>Full</c> (fsync per commit).</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>Open databases kept in the handle cache (least recently used closed first).</summary>
    public int MaxOpenDatabases { get; set; } = 64;

    /// <summary>Time limit of one <c>POST /db</c> transaction.</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one <c>GET /query</c>.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one <c>POST /kv/rollback</c> (queue wait, replay and writes): 503, nothing written, beyond it.</summary>
    public TimeSpan TableRollbackTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a write waits for its database's writer before 503.</summary>
    public TimeSpan WriterWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Row cap of <c>GET /query</c> (beyond it: <c>truncated:true</c>).</summary>
    public int QueryRowLimit { get; set; } = 10_000;

    /// <summary>Row cap of one <c>POST /db</c> response (beyond it: 413).</summary>
    public int TransactionRowLimit { get; set; } = 100_000;

    /// <summary>Byte cap of a result (<c>/db</c>, <c>/query</c>): 413 beyond it.</summary>
    public long MaxResultBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Request body cap of <c>/db</c> and KV writes.</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Query history entries kept per database.</summary>
    public int QueryHistoryLimit { get; set; } = 10_000;

    /// <summary>How often expired KV keys are deleted (they are invisible at once).</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(60);

    internal bool FullDurability => Durability == SqliteDurability.Full;
}

/// <summary>How a commit reaches the disk (WAL mode either way).</summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous=NORMAL</c>: fsync at checkpoints; an application crash loses nothing committed, a power loss may lose the last commits.</summary>
    Normal,

    /// <summary><c>synchronous=FULL</c>: fsync on every commit (group commit shares it between queued writes).</summary>
    Full,
}
