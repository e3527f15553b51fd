using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary><c>POST /db</c>: one transaction per request in ws4sqlite's format, through the real host and real files.</summary>
public sealed class SqlTransactionTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SqliteHost.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task A_failing_middle_statement_rolls_everything_back_and_names_its_index(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("tx_fail", ct);
        await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[{"statement":"CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)"}]}""", HttpStatusCode.OK, ct);
        var error = await _host.PostJsonAsync($"/db?db={db}", """
            {"transaction":[
              {"statement":"INSERT INTO t(v) VALUES ('first')"},
              {"statement":"INSERT INTO t(v) VALUES ('first')"},
              {"statement":"INSERT INTO t(v) VALUES ('third')"}]}
            """, HttpStatusCode.InternalServerError, ct);
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("DATABASE_ERROR"));
        Assert.That(error["reqIdx"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("UNIQUE"));
        var count = await _host.GetJsonAsync(SqliteHost.QueryPath(db, "SELECT count(*) FROM t"), HttpStatusCode.OK, ct);
        Assert.That(count["rows"]![0]![0]!.GetValue<long>(), Is.Zero, "no trace of the rolled-back transaction");
    }

    [Test, CancelAfter(10_000)]
    public async Task Values_positional_named_and_batched_bind_and_count_rows(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("tx_values", ct);
        var body = await _host.PostJsonAsync($"/db?db={db}", """
            {"transaction":[
              {"statement":"CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)"},
              {"statement":"INSERT INTO users(name, score) VALUES (?, ?)", "values":["ann", 1.5]},
              {"statement":"INSERT INTO users(name, score) VALUES (:name, @score)", "values":{"name":"bob","score":2}},
              {"statement":"INSERT INTO users(name) VALUES (?)", "valuesBatch":[["cy"],["di"],["ed"]]},
              {"statement":"UPDATE users SET score = 9 WHERE score IS NULL"},
              {"query":"SELECT id, name, score FROM users WHERE id <= ? ORDER BY id", "values":[2]}]}
            """, HttpStatusCode.OK, ct);
        var results = body["results"]!.AsArray();
        Assert.That(results.Select(r => r!["success"]!.GetValue<bool>()), Is.All.True);
        Assert.That(results[0]!["rowsUpdated"]!.GetValue<long>(), Is.Zero, "DDL changes no rows");
        Assert.That(results[1]!["rowsUpdated"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(results[1]!["rowsUpdatedBatch"]!.ToJsonString(), Is.EqualTo("[1]"));
        Assert.That(results[3]!["rowsUpdatedBatch"]!.ToJsonString(), Is.EqualTo("[1,1,1]"));
        Assert.That(results[3]!["rowsUpdated"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(results[4]!["rowsUpdated"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(results[5]!["resultHeaders"]!.ToJsonString(), Is.EqualTo("""["id","name","score"]"""));
        Assert.That(results[5]!["resultSet"]!.ToJsonString(), Is.EqualTo("""[{"id":1,"name":"ann","score":1.5},{"id":2,"name":"bob","score":2}]"""));
    }

    [Test, CancelAfter(10_000)]
    public async Task List_format_and_a_noFail_item_that_fails_alone(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("tx_nofail", ct);
        var body = await _host.PostJsonAsync($"/db?db={db}", """
            {"resultFormat":"list","transaction":[
              {"statement":"CREATE TABLE t(x)"},
              {"statement":"INSERT INTO missing VALUES (1)", "noFail":true},
              {"statement":"INSERT INTO t VALUES (x'00ff'), (NULL)"},
              {"query":"SELECT x FROM t"}]}
            """, HttpStatusCode.OK, ct);
        var results = body["results"]!.AsArray();
        Assert.That(results[1]!["success"]!.GetValue<bool>(), Is.False);
        Assert.That(results[1]!["error"]!.GetValue<string>(), Does.Contain("no such table"));
        Assert.That(results[3]!["resultSet"]!.ToJsonString(), Is.EqualTo("""[["AP8="],[null]]"""), "BLOB as base64, rows as arrays");
    }

    [Test, CancelAfter(10_000)]
    public async Task Transaction_control_and_formal_errors_are_400_with_reqIdx(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("tx_formal", ct);
        foreach (var sql in new[] { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT x", "RELEASE x" })
        {
            var control = await _host.PostJsonAsync($"/db?db={db}", $$"""{"transaction":[{"statement":"SELECT 1"},{"statement":"{{sql}}"}]}""", HttpStatusCode.BadRequest, ct);
            Assert.That(control["reqIdx"]!.GetValue<int>(), Is.EqualTo(1), sql);
            Assert.That(control["error"]!.GetValue<string>(), Is.EqualTo("INVALID_PARAMETERS"), sql);
        }

        var malformed = await _host.PostJsonAsync($"/db?db={db}", "{not json", HttpStatusCode.BadRequest, ct);
        Assert.That(malformed["reqIdx"]!.GetValue<int>(), Is.EqualTo(-1));
        var empty = await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[]}""", HttpStatusCode.BadRequest, ct);
        Assert.That(empty["message"]!.GetValue<string>(), Does.Contain("transaction"));
        var noStatement = await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[{"statement":"SELECT 1"},{"values":[1]}]}""", HttpStatusCode.BadRequest, ct);
        Assert.That(noStatement["reqIdx"]!.GetValue<int>(), Is.EqualTo(1));
        var tooFew = await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[{"statement":"SELECT ?, ?","values":[1]}]}""", HttpStatusCode.BadRequest, ct);
        Assert.That(tooFew["reqIdx"]!.GetValue<int>(), Is.Zero);
        await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[{"statement":7}]}""", HttpStatusCode.BadRequest, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Database_paths_are_checked_before_anything_is_written(CancellationToken ct)
    {
        const string Tx = """{"transaction":[{"statement":"CREATE TABLE t(x)"}]}""";
        var missing = await _host.PostJsonAsync("/db?db=never_created", Tx, HttpStatusCode.NotFound, ct);
        Assert.That(missing["error"]!.GetValue<string>(), Is.EqualTo("DATABASE_NOT_FOUND"));
        Assert.That(File.Exists(Path.Combine(_host.DatabaseDir, "never_created.db")), Is.False);
        foreach (var bad in new[] { "../escape", "a/b.db", "/tmp/../etc/x.db", ":memory:", "file:x.db", "/proc/self/x.db", "" })
        {
            var error = await _host.PostJsonAsync($"/db?db={Uri.EscapeDataString(bad)}", Tx, HttpStatusCode.BadRequest, ct);
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("INVALID_DB_PATH"), bad);
        }

        var directory = await _host.PostJsonAsync($"/db?db={Uri.EscapeDataString(_host.DatabaseDir)}", Tx, HttpStatusCode.BadRequest, ct);
        Assert.That(directory["error"]!.GetValue<string>(), Is.EqualTo("PATH_IS_DIRECTORY"));
        var text = Path.Combine(_host.DatabaseDir, "notes.txt");
        await File.WriteAllTextAsync(text, "this is not a database, it is a text file", ct);
        var header = await _host.PostJsonAsync($"/db?db={Uri.EscapeDataString(text)}", Tx, HttpStatusCode.BadRequest, ct);
        Assert.That(header["error"]!.GetValue<string>(), Is.EqualTo("INVALID_SQLITE_HEADER"));
        Assert.That(await File.ReadAllTextAsync(text, ct), Is.EqualTo("this is not a database, it is a text file"));
        await _host.PostJsonAsync("/db?db=made_on_demand&create_db_if_missing=true", Tx, HttpStatusCode.OK, ct);
        Assert.That(File.Exists(Path.Combine(_host.DatabaseDir, "made_on_demand.db")), Is.True);
    }

    [Test, CancelAfter(10_000)]
    public async Task Create_answers_201_then_409_and_can_prepare_a_kv_table(CancellationToken ct)
    {
        var created = await _host.PostJsonAsync("/db/create?path=./fresh&init_kv=true&kv_table=things", "", HttpStatusCode.Created, ct);
        var path = Path.Combine(_host.DatabaseDir, "fresh.db");
        Assert.That(created.ToJsonString(), Is.EqualTo($$"""{"status":"created","path":"{{path}}"}"""));
        var again = await _host.PostJsonAsync("/db/create?path=fresh", "", HttpStatusCode.Conflict, ct);
        Assert.That(again["error"]!.GetValue<string>(), Is.EqualTo("Database already exists"));
        var tables = await _host.GetJsonAsync(SqliteHost.QueryPath("fresh", "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'things%' ORDER BY name"), HttpStatusCode.OK, ct);
        Assert.That(tables["rows"]!.ToJsonString(), Is.EqualTo("""[["things"],["things_history"]]"""));
        var mode = await _host.PostJsonAsync("/db?db=fresh", """{"transaction":[{"query":"PRAGMA journal_mode"}]}""", HttpStatusCode.OK, ct);
        Assert.That(mode["results"]![0]!["resultSet"]![0]!["journal_mode"]!.GetValue<string>(), Is.EqualTo("wal"));
        await _host.PostJsonAsync("/db/create?path=bad/name", "", HttpStatusCode.BadRequest, ct);
        await _host.PostJsonAsync("/db/create?path=x&init_kv=true&kv_table=sqlite_evil", "", HttpStatusCode.BadRequest, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task History_records_each_statement_and_answers_stats_and_deletes(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("tx_history", ct);
        await _host.PostJsonAsync($"/db?db={db}", """{"transaction":[{"statement":"CREATE TABLE t(x)"},{"statement":"INSERT INTO t VALUES (?)","values":["secret"]}]}""", HttpStatusCode.OK, ct);
        await _host.GetJsonAsync(SqliteHost.QueryPath(db, "SELECT * FROM t"), HttpStatusCode.OK, ct);
        var list = await _host.GetJsonAsync($"/history?db={db}", HttpStatusCode.OK, ct);
        Assert.That(list["total"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(list.ToJsonString(), Does.Not.Contain("secret"), "bound values are never recorded");
        var entries = list["entries"]!.AsArray();
        Assert.That(entries.Select(e => e!["sql"]!.GetValue<string>()), Is.EqualTo(new[] { "CREATE TABLE t(x)", "INSERT INTO t VALUES (?)", "SELECT * FROM t" }), "the newest entries, oldest first");
        var stats = await _host.GetJsonAsync($"/history/stats?db={db}", HttpStatusCode.OK, ct);
        Assert.That(stats["total_entries"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(stats["ok_entries"]!.GetValue<long>(), Is.EqualTo(3));
        var id = entries[2]!["id"]!.GetValue<long>();
        using (var one = await _host.DeleteAsync($"/history/{id}?db={db}", ct))
            Assert.That((await HttpAssert.ReadJsonAsync(one, HttpStatusCode.OK, ct))["deleted"]!.GetValue<bool>(), Is.True);
        using (var gone = await _host.DeleteAsync($"/history/{id}?db={db}", ct))
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using (var invalid = await _host.DeleteAsync($"/history/abc?db={db}", ct))
            Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using (var clear = await _host.DeleteAsync($"/history?db={db}", ct))
            Assert.That((await HttpAssert.ReadJsonAsync(clear, HttpStatusCode.OK, ct))["deleted"]!.GetValue<long>(), Is.EqualTo(2));
    }
}
