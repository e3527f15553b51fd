using SQLitePCL;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary>Group commit: queued writes that wait behind the writer drain as one transaction, a failing one undone alone.</summary>
public sealed class WriteQueueTests
{
    private string _dir = null!;
    private DatabaseEntry _entry = null!;

    [SetUp]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("hk-queue-").FullName;
        _entry = new DatabaseEntry(Path.Combine(_dir, "q.db"), create: true, fullDurability: false, TimeSpan.FromSeconds(10), new FakeTimeProvider());
    }

    [TearDown]
    public void Close()
    {
        _entry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_failing_write_in_a_batch_undoes_only_itself(CancellationToken ct)
    {
        await _entry.TransactAsync(h => { h.Exec("CREATE TABLE t(x INTEGER UNIQUE)"); return 0; }, ct);
        using var busy = BusyWriter.Hold(_entry, ct); // the next writes queue up behind it
        var first = _entry.TransactAsync(h => Insert(h, 1), ct);
        var failing = _entry.TransactAsync<int>(h =>
        {
            Insert(h, 2);
            throw new StoreException(412, "PRECONDITION_FAILED", "refused after writing");
        }, ct);
        var duplicate = _entry.TransactAsync(h => Insert(h, 1), ct); // a SQLite error: UNIQUE
        var last = _entry.TransactAsync(h => Insert(h, 3), ct);
        await busy.ReleaseAsync();

        Assert.That(await first, Is.EqualTo(1));
        Assert.That(await last, Is.EqualTo(3));
        Assert.ThrowsAsync<StoreException>(() => failing);
        Assert.ThrowsAsync<SqliteFailure>(() => duplicate);
        var rows = _entry.Read(h =>
        {
            var stmt = h.Prepare("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)");
            h.StepRow(stmt);
            var text = raw.sqlite3_column_text(stmt, 0).utf8_to_string();
            raw.sqlite3_reset(stmt);
            return text;
        });
        Assert.That(rows, Is.EqualTo("1,3"));
    }

    private static int Insert(SqliteHandle h, int x)
    {
        var stmt = h.Prepare("INSERT INTO t VALUES (?1)");
        raw.sqlite3_bind_int64(stmt, 1, x);
        h.StepDone(stmt);
        return x;
    }
}
