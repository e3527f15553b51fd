using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>kill -9 of the real hoodykit executable during a write burst: every acknowledged write survives and the file is intact.</summary>
public sealed class SqliteDurabilityTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("hk-sqlite-kill-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test, CancelAfter(60_000)]
    public async Task Acknowledged_writes_survive_kill_9_during_a_burst(CancellationToken ct)
    {
        var acknowledged = new ConcurrentDictionary<string, string>();
        var port = KitProcess.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await using (var kit = await StartAsync(port, client, ct))
        {
            using (var create = await client.PostAsync("/api/v1/sqlite/db/create?path=burst&init_kv=true", null, ct))
                Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var key = $"w{w}/{i}";
                    var value = $"{{\"writer\":{w},\"seq\":{i}}}";
                    try
                    {
                        using var put = await client.PutAsync($"/api/v1/sqlite/kv/{key}?db=burst", new StringContent(value, Encoding.UTF8, "application/json"), CancellationToken.None);
                        if (put.StatusCode == HttpStatusCode.OK) acknowledged[key] = value;
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server died under us: this write was never acknowledged
                    }
                }
            }, CancellationToken.None)).ToList();
            while (acknowledged.Count < 500) await Task.Delay(5, ct);
            using (var kill = Process.Start("kill", ["-KILL", kit.Pid.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(ct);
            await kit.WaitForExitAsync(ct);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var again = await StartAsync(port, client, ct);
        var keys = acknowledged.Keys.ToList();
        for (var i = 0; i < keys.Count; i += 100)
        {
            var batch = keys.Skip(i).Take(100).ToList();
            var body = new JsonObject { ["keys"] = new JsonArray([.. batch.Select(k => (JsonNode)JsonValue.Create(k))]) };
            using var get = await client.PostAsync("/api/v1/sqlite/kv/batch/get?db=burst", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
            var values = (await HttpAssert.ReadJsonAsync(get, HttpStatusCode.OK, ct))["values"]!;
            foreach (var key in batch)
                Assert.That(values[key]?.ToJsonString(), Is.EqualTo(acknowledged[key]), $"acknowledged write {key} is present after kill -9");
        }

        using var check = await client.PostAsync("/api/v1/sqlite/maintenance?db=burst", new StringContent("""{"op":"integrity_check"}""", Encoding.UTF8, "application/json"), ct);
        var result = await HttpAssert.ReadJsonAsync(check, HttpStatusCode.OK, ct);
        Assert.That(result["result"]!.ToJsonString(), Is.EqualTo("""[{"integrity_check":"ok"}]"""));
        Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(500));
    }

    private async Task<KitProcess> StartAsync(int port, HttpClient client, CancellationToken ct)
    {
        var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", Path.Combine(_dir, "data"), "--log-dir", Path.Combine(_dir, "logs")],
            new Dictionary<string, string> { ["HOODYKIT__Sqlite__DatabaseDir"] = Path.Combine(_dir, "dbs") });
        try
        {
            await kit.WaitUntilAsync(async () =>
            {
                using var health = await client.GetAsync("/api/v1/sqlite/health", ct);
                return health.IsSuccessStatusCode;
            }, ct);
            return kit;
        }
        catch
        {
            await kit.DisposeAsync(); // never leave a started hoodykit behind
            throw;
        }
    }
}
