using System.Net;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>Time and size limits of the write paths: a runaway transaction is interrupted and rolled back; oversized bodies and results are 413.</summary>
public sealed class SqlLimitsTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SqliteHost.StartAsync(CancellationToken.None, new Dictionary<string, string?>
        {
            ["Sqlite:TransactionTimeout"] = "00:00:00.300",
            ["Sqlite:TransactionRowLimit"] = "100",
            ["Sqlite:MaxBodyBytes"] = "4096",
        });
        await _host.CreateDbAsync("limits", CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task A_runaway_transaction_is_interrupted_and_leaves_no_trace(CancellationToken ct)
    {
        var error = await _host.PostJsonAsync("/db?db=limits", """
            {"transaction":[{"statement":"CREATE TABLE runaway(x)"},
              {"query":"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", "noFail":true}]}
            """, HttpStatusCode.InternalServerError, ct);
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("DATABASE_ERROR"));
        Assert.That(error["reqIdx"]!.GetValue<int>(), Is.EqualTo(1), "noFail does not absorb a deadline");
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("interrupted"));
        var tables = await _host.GetJsonAsync(SqliteHost.QueryPath("limits", "SELECT count(*) FROM sqlite_master WHERE name = 'runaway'"), HttpStatusCode.OK, ct);
        Assert.That(tables["rows"]!.ToJsonString(), Is.EqualTo("[[0]]"));
        await _host.PostJsonAsync("/db?db=limits", """{"transaction":[{"query":"SELECT 1"}]}""", HttpStatusCode.OK, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Too_many_result_rows_and_too_large_bodies_are_413(CancellationToken ct)
    {
        var rows = await _host.PostJsonAsync("/db?db=limits", """
            {"transaction":[{"query":"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 500) SELECT x FROM c"}]}
            """, HttpStatusCode.RequestEntityTooLarge, ct);
        Assert.That(rows["reqIdx"]!.GetValue<int>(), Is.Zero);
        using (var put = await _host.PutAsync("/kv/big?db=limits", new string('x', 5000), ct, "text/plain"))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await _host.GetJsonAsync("/kv/big?db=limits", HttpStatusCode.NotFound, ct);
        var body = "{\"transaction\":[{\"statement\":\"SELECT ?\",\"values\":[\"" + new string('y', 5000) + "\"]}]}";
        await _host.PostJsonAsync("/db?db=limits", body, HttpStatusCode.RequestEntityTooLarge, ct);
    }
}
