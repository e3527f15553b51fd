using System.Text;
using HoodyKit.Sqlite;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary>The engines on a real file, without HTTP: the executor, the KV store, its history and time travel.</summary>
public sealed class SqliteEngineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private string _dir = null!;
    private DatabaseEntry _entry = null!;

    [SetUp]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("hk-engine-").FullName;
        _entry = new DatabaseEntry(Path.Combine(_dir, "e.db"), create: true, fullDurability: false, TimeSpan.FromSeconds(5), _time);
    }

    [TearDown]
    public void Close()
    {
        _entry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task The_executor_counts_rows_by_total_changes_so_ddl_counts_none()
    {
        var executor = new SqlExecutor(Options.Create(new SqliteOptions()), _time);
        using var request = SqlRequest.Parse("""
            {"transaction":[{"statement":"CREATE TABLE t(x)"},{"statement":"INSERT INTO t VALUES (1),(2),(3),(4),(5)"},
              {"statement":"CREATE TABLE u(y)"},{"statement":"DELETE FROM t WHERE x > ?","values":[3]}]}
            """u8.ToArray());
        var records = new List<StatementRecord>();
        var body = Encoding.UTF8.GetString(await executor.ExecuteAsync(_entry, request, records, CancellationToken.None));
        Assert.That(body, Does.Contain("""{"success":true,"rowsUpdated":0,"lastInsertId":5,"duration_ms":0}"""), "CREATE TABLE after a 5-row INSERT changes 0 rows");
        Assert.That(body, Does.Contain(""" "rowsUpdated":2,"lastInsertId":5,"rowsUpdatedBatch":[2]""".Trim()));
        Assert.That(records.Select(r => r.RowsAffected), Is.EqualTo(new long[] { 0, 5, 0, 2 }));
    }

    [Test]
    public async Task Kv_writes_log_history_and_rollback_appends()
    {
        var store = new KvStore(_time);
        var history = new KvHistory(store);
        var table = KvTable.Parse(null);
        await store.SetAsync(_entry, table, "k", Write("one"), null, null, history: true, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var t1 = PointInTime.From(_time.GetUtcNow().ToUnixTimeSeconds());
        _time.Advance(TimeSpan.FromSeconds(2));
        await store.SetAsync(_entry, table, "k", Write("two"), null, null, history: true, CancellationToken.None);
        Assert.That(Encoding.UTF8.GetString(KvTimeTravel.ValueAt(_entry, table, "k", t1).Value!), Is.EqualTo("one"));
        var rollback = await history.RollbackAsync(_entry, table, "k", 1, CancellationToken.None);
        Assert.That(rollback.CurrentOpNumber, Is.EqualTo(3));
        Assert.That(Encoding.UTF8.GetString(store.Get(_entry, table, "k").Value), Is.EqualTo("one"));
        var (ops, total) = KvHistory.History(_entry, table, "k", 50);
        Assert.That(total, Is.EqualTo(3));
        Assert.That(ops.Select(o => o.OpType), Is.EqualTo(new[] { "set", "set", "rollback" }));
    }

    [Test]
    public async Task Expired_values_are_invisible_and_swept()
    {
        var store = new KvStore(_time);
        var table = KvTable.Parse(null);
        await store.SetAsync(_entry, table, "t", new KvWrite("v"u8.ToArray(), "text/plain", store.NowMs + 1000, 1), null, null, history: true, CancellationToken.None);
        Assert.That(store.Get(_entry, table, "t").Value, Is.EqualTo("v"u8.ToArray()));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Throws<StoreException>(() => store.Get(_entry, table, "t"));
        Assert.That(await store.SweepAsync(_entry, CancellationToken.None), Is.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_rollback_that_outlives_its_deadline_is_503_and_changes_nothing(CancellationToken ct)
    {
        var store = new KvStore(_time);
        var travel = new KvTimeTravel(store, _time, Options.Create(new SqliteOptions { TableRollbackTimeout = TimeSpan.FromSeconds(2) }));
        var table = KvTable.Parse(null);
        await store.SetAsync(_entry, table, "k", Write("one"), null, null, history: true, ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var before = PointInTime.From(_time.GetUtcNow().ToUnixTimeSeconds());
        _time.Advance(TimeSpan.FromSeconds(2));
        await store.SetAsync(_entry, table, "k", Write("two"), null, null, history: true, ct);

        using var busy = BusyWriter.Hold(_entry, ct); // the rollback queues with its deadline already running
        var rollback = travel.RollbackAsync(_entry, table, before, null, new HashSet<string>(), dryRun: false, ct);
        _time.Advance(TimeSpan.FromSeconds(3)); // past the rollback's 2 s, within the writer wait of 5 s
        await busy.ReleaseAsync();

        var refused = Assert.ThrowsAsync<StoreException>(() => rollback);
        Assert.That((refused!.Status, refused.Code, refused.Message), Is.EqualTo((503, "DEADLINE_EXCEEDED", "Request deadline exceeded before commit")));
        Assert.That(Encoding.UTF8.GetString(store.Get(_entry, table, "k").Value), Is.EqualTo("two"));
        Assert.That(KvHistory.History(_entry, table, "k", 50).Total, Is.EqualTo(2), "no rollback op logged");

        var done = await travel.RollbackAsync(_entry, table, before, null, new HashSet<string>(), dryRun: false, ct);
        Assert.That(done.KeysRestored, Is.EqualTo(1), "within the deadline the same rollback runs");
    }

    private static KvWrite Write(string text) => new(Encoding.UTF8.GetBytes(text), "text/plain", null, null);
}
