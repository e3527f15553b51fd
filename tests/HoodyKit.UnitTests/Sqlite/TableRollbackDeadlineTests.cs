using System.Text;
using HoodyKit.Sqlite;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary>A table rollback past its deadline answers 503 and writes nothing (design §2.6).</summary>
public sealed class TableRollbackDeadlineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private string _dir = null!;
    private DatabaseEntry _entry = null!;

    [SetUp]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("hk-deadline-").FullName;
        _entry = new DatabaseEntry(Path.Combine(_dir, "d.db"), create: true, fullDurability: false, TimeSpan.FromSeconds(10), _time);
    }

    [TearDown]
    public void Close()
    {
        _entry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_rollback_that_outlives_its_deadline_is_503_and_changes_nothing(CancellationToken ct)
    {
        var store = new KvStore(_time);
        var travel = new KvTimeTravel(store, _time, Options.Create(new SqliteOptions { TableRollbackTimeout = TimeSpan.FromSeconds(5) }));
        var table = KvTable.Parse(null);
        await store.SetAsync(_entry, table, "k", Write("one"), null, null, history: true, ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var before = PointInTime.From(_time.GetUtcNow().ToUnixTimeSeconds());
        _time.Advance(TimeSpan.FromSeconds(2));
        await store.SetAsync(_entry, table, "k", Write("two"), null, null, history: true, ct);

        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => _entry.WriteAsync(_ =>
        {
            held.Set();
            release.Wait(ct);
            return 0;
        }, ct), ct);
        held.Wait(ct); // the writer is busy: the rollback queues with its deadline already running
        var rollback = travel.RollbackAsync(_entry, table, before, null, new HashSet<string>(), dryRun: false, ct);
        _time.Advance(TimeSpan.FromSeconds(6)); // past the rollback's 5 s, within the writer wait of 10 s
        release.Set();
        await holder;

        var refused = Assert.ThrowsAsync<StoreException>(() => rollback);
        Assert.That((refused!.Status, refused.Code, refused.Message), Is.EqualTo((503, "DEADLINE_EXCEEDED", "Request deadline exceeded before commit")));
        Assert.That(Encoding.UTF8.GetString(store.Get(_entry, table, "k").Value), Is.EqualTo("two"));
        Assert.That(KvHistory.History(_entry, table, "k", 50).Total, Is.EqualTo(2), "no rollback op logged");

        var done = await travel.RollbackAsync(_entry, table, before, null, new HashSet<string>(), dryRun: false, ct);
        Assert.That(done.KeysRestored, Is.EqualTo(1), "within the deadline the same rollback runs");
    }

    private static KvWrite Write(string text) => new(Encoding.UTF8.GetBytes(text), "text/plain", null, null);
}
