using System.Net;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary><c>GET /query</c>: read-only by SQLite's own guards (read-only connection, authorizer, query_only), a deadline and caps.</summary>
public sealed class ShareableQueryTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SqliteHost.StartAsync(CancellationToken.None, new Dictionary<string, string?>
        {
            ["Sqlite:QueryTimeout"] = "00:00:00.300",
            ["Sqlite:QueryRowLimit"] = "50",
            ["Sqlite:MaxResultBytes"] = "200000",
        });
        await _host.CreateDbAsync("shared", CancellationToken.None);
        await _host.PostJsonAsync("/db?db=shared", """
            {"transaction":[{"statement":"CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"},
              {"statement":"INSERT INTO t(v) VALUES (?)","valuesBatch":[["a"],["b"],["c"]]}]}
            """, HttpStatusCode.OK, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task A_select_answers_columns_and_rows(CancellationToken ct)
    {
        var body = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "WITH x AS (SELECT v FROM t) SELECT v, length(v) AS n FROM x ORDER BY v"), HttpStatusCode.OK, ct);
        Assert.That(body["columns"]!.ToJsonString(), Is.EqualTo("""["v","n"]"""));
        Assert.That(body["rows"]!.ToJsonString(), Is.EqualTo("""[["a",1],["b",1],["c",1]]"""));
        Assert.That(body["truncated"]!.GetValue<bool>(), Is.False);
        var trailing = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "SELECT count(*) FROM t; -- a trailing comment\n;"), HttpStatusCode.OK, ct);
        Assert.That(trailing["rows"]!.ToJsonString(), Is.EqualTo("[[3]]"));
        var info = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "PRAGMA table_info(t)"), HttpStatusCode.OK, ct);
        Assert.That(info["rows"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [TestCase("INSERT INTO t(v) VALUES ('w')")]
    [TestCase("UPDATE t SET v = 'w'")]
    [TestCase("DELETE FROM t")]
    [TestCase("WITH x AS (SELECT 1) INSERT INTO t(v) SELECT 'w' FROM x")]
    [TestCase("CREATE TABLE evil(x)")]
    [TestCase("CREATE TEMP TABLE evil(x)")]
    [TestCase("DROP TABLE t")]
    [TestCase("ATTACH DATABASE '/tmp/hk-evil.db' AS evil")]
    [TestCase("PRAGMA journal_mode=DELETE")]
    [TestCase("PRAGMA user_version=7")]
    [TestCase("PRAGMA query_only=0")]
    [TestCase("SELECT 1; DELETE FROM t")]
    [TestCase("SELECT 1; SELECT 2")]
    [TestCase("BEGIN")]
    [TestCase("VACUUM")]
    [TestCase("REPLACE INTO t(id, v) VALUES (1, 'w')")]
    [TestCase("SELECT load_extension('x')")]
    [CancelAfter(10_000)]
    public async Task Every_write_form_is_refused_with_400_and_changes_nothing(string sql, CancellationToken ct)
    {
        var error = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", sql), HttpStatusCode.BadRequest, ct);
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("INVALID_PARAMETERS"), error.ToJsonString());
        var after = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "SELECT group_concat(v, '') FROM t"), HttpStatusCode.OK, ct);
        Assert.That(after["rows"]!.ToJsonString(), Is.EqualTo("""[["abc"]]"""));
        Assert.That(File.Exists("/tmp/hk-evil.db"), Is.False);
        var version = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "SELECT name FROM sqlite_master WHERE name = 'evil'"), HttpStatusCode.OK, ct);
        Assert.That(version["rows"]!.AsArray(), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_runaway_query_is_interrupted_at_its_deadline(CancellationToken ct)
    {
        var error = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"),
            HttpStatusCode.InternalServerError, ct);
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("DATABASE_ERROR"));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("interrupted"));
        await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "SELECT 1"), HttpStatusCode.OK, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Rows_beyond_the_cap_are_truncated_and_a_result_too_large_is_413(CancellationToken ct)
    {
        var many = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 80) SELECT x FROM c"), HttpStatusCode.OK, ct);
        Assert.That(many["rows"]!.AsArray(), Has.Count.EqualTo(50));
        Assert.That(many["truncated"]!.GetValue<bool>(), Is.True);
        var huge = await _host.GetJsonAsync(SqliteHost.QueryPath("shared", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 49) SELECT randomblob(20000) FROM c"),
            HttpStatusCode.RequestEntityTooLarge, ct);
        Assert.That(huge["error"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Bad_sql_parameters_and_unknown_databases_are_refused(CancellationToken ct)
    {
        await _host.GetJsonAsync("/query?db=shared&sql=%%%", HttpStatusCode.BadRequest, ct);
        await _host.GetJsonAsync("/query?db=shared", HttpStatusCode.BadRequest, ct);
        await _host.GetJsonAsync("/query?db=shared&sql=__8", HttpStatusCode.BadRequest, ct);
        var missing = await _host.GetJsonAsync(SqliteHost.QueryPath("nowhere", "SELECT 1"), HttpStatusCode.NotFound, ct);
        Assert.That(missing["error"]!.GetValue<string>(), Is.EqualTo("DATABASE_NOT_FOUND"));
        var standard = Convert.ToBase64String("SELECT 1 + 1"u8.ToArray()).Replace("+", " ", StringComparison.Ordinal);
        var body = await _host.GetJsonAsync($"/query?db=shared&sql={standard}", HttpStatusCode.OK, ct);
        Assert.That(body["rows"]!.ToJsonString(), Is.EqualTo("[[2]]"));
    }
}
