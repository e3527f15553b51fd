using SQLitePCL;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary><see cref="ExecutionGuard.WithDeadline"/>: a statement still running past the deadline is interrupted and reported as the caller's error.</summary>
public sealed class ExecutionDeadlineTests
{
    private readonly FakeTimeProvider _time = new();
    private string _dir = null!;
    private SqliteHandle _handle = null!;

    [SetUp]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("hk-guard-").FullName;
        _handle = SqliteHandle.Open(Path.Combine(_dir, "g.db"), SqliteOpen.ReadWriteCreate);
    }

    [TearDown]
    public void Close()
    {
        _handle.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void A_statement_past_the_deadline_is_interrupted_and_the_guard_disarmed()
    {
        const string Count = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n";
        var ex = Assert.Throws<TimeoutException>(() => ExecutionGuard.WithDeadline(_handle, _time, TimeSpan.FromSeconds(5), () =>
        {
            _time.Advance(TimeSpan.FromSeconds(6)); // the clock passes the deadline while the work runs
            _handle.StepRow(_handle.Prepare(Count));
            return 0;
        }, () => new TimeoutException("deadline")));
        Assert.That(ex!.Message, Is.EqualTo("deadline"));

        var after = ExecutionGuard.WithDeadline(_handle, _time, TimeSpan.FromSeconds(5), () =>
        {
            var stmt = _handle.Prepare(Count);
            _handle.StepRow(stmt);
            var count = raw.sqlite3_column_int64(stmt, 0);
            raw.sqlite3_reset(stmt);
            return count;
        }, () => new TimeoutException("deadline"));
        Assert.That(after, Is.EqualTo(100_000), "within the deadline the same statement runs to the end");
    }
}
