using System.Net;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>The sqlite health body (its documented shape), the cache snapshot, metrics, OpenAPI and maintenance.</summary>
public sealed class SqliteHealthTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SqliteHost.StartAsync(CancellationToken.None, new Dictionary<string, string?> { ["Sqlite:MaxOpenDatabases"] = "2" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Health_has_the_documented_shape_and_counts(CancellationToken ct)
    {
        await _host.CreateDbAsync("h1", ct);
        await _host.GetJsonAsync("/kv/none?db=h1", HttpStatusCode.NotFound, ct);
        var health = await _host.GetJsonAsync("/health", HttpStatusCode.OK, ct);
        Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("ok"));
        Assert.That(health["service"]!.GetValue<string>(), Is.EqualTo("sqlite"));
        Assert.That(health["memory"]!["rss_bytes"]!.GetValue<long>(), Is.Positive);
        Assert.That(health["fds"]!["open"]!.GetValue<int>(), Is.Positive);
        Assert.That(health["counters"]!["kv_ops_total"]!.GetValue<long>(), Is.Positive);
        Assert.That(health["cache"]!["entries"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(health["sqlite_version"]!.GetValue<string>(), Does.StartWith("3."));
        var metrics = await _host.GetTextAsync("/metrics", ct);
        Assert.That(metrics, Does.Contain("hoodykit_sqlite_kv_ops_total "));
    }

    [Test, CancelAfter(10_000)]
    public async Task The_cache_evicts_the_least_recently_used_database(CancellationToken ct)
    {
        foreach (var name in new[] { "c1", "c2", "c3" })
        {
            await _host.CreateDbAsync(name, ct);
            using var put = await _host.PutAsync($"/kv/k?db={name}", "v", ct);
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var cache = await _host.GetJsonAsync("/health/cache", HttpStatusCode.OK, ct);
        Assert.That(cache["entries"]!.GetValue<int>(), Is.LessThanOrEqualTo(2));
        Assert.That(cache["evictions_total"]!.GetValue<long>(), Is.Positive);
        Assert.That(cache["last_evicted_at"]!.GetValue<string>(), Does.EndWith("Z"));
        Assert.That(await _host.GetTextAsync("/kv/k?db=c1", ct), Is.EqualTo("v"), "an evicted database opens again");
    }

    [Test, CancelAfter(10_000)]
    public async Task OpenApi_lists_the_sqlite_paths(CancellationToken ct)
    {
        var yaml = await _host.GetTextAsync("/openapi.yaml", ct);
        Assert.That(yaml, Does.Contain("/api/v1/sqlite/db:").And.Contain("/api/v1/sqlite/query:"));
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var plain = new HttpClient(handler) { BaseAddress = _host.Client.BaseAddress };
        using var json = await plain.GetAsync(SqliteHost.Url("/openapi.json"), ct);
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(json.Headers.Location?.OriginalString, Is.EqualTo("openapi.yaml"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Maintenance_checks_checkpoints_and_vacuums_into_a_new_file(CancellationToken ct)
    {
        await _host.CreateDbAsync("m1", ct);
        var check = await _host.PostJsonAsync("/maintenance?db=m1", """{"op":"quick_check"}""", HttpStatusCode.OK, ct);
        Assert.That(check["result"]!.ToJsonString(), Is.EqualTo("""[{"quick_check":"ok"}]"""));
        await _host.PostJsonAsync("/maintenance?db=m1", """{"op":"wal_checkpoint_truncate"}""", HttpStatusCode.OK, ct);
        var copy = await _host.PostJsonAsync("/maintenance?db=m1", """{"op":"vacuum_into","into":"m1-copy"}""", HttpStatusCode.OK, ct);
        Assert.That(copy["result"]!["size_bytes"]!.GetValue<long>(), Is.Positive);
        await _host.PostJsonAsync("/maintenance?db=m1", """{"op":"vacuum_into","into":"m1-copy"}""", HttpStatusCode.BadRequest, ct);
        await _host.PostJsonAsync("/maintenance?db=m1", """{"op":"drop_everything"}""", HttpStatusCode.BadRequest, ct);
    }
}
