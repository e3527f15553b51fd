using System.Net;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>The SQL family's wire details: per-item <c>duration_ms</c> in <c>POST /db</c> results, 405 in the SQL shape, <c>/maintenance?timeout=</c>.</summary>
public sealed class SqlWireTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SqliteHost.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Every_successful_item_carries_its_duration_ms(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("wire_duration", ct);
        var body = await _host.PostJsonAsync($"/db?db={db}", """
            {"transaction":[
              {"statement":"CREATE TABLE t(v INTEGER)"},
              {"statement":"INSERT INTO t VALUES (?)", "valuesBatch":[[1],[2]]},
              {"statement":"INSERT INTO missing VALUES (1)", "noFail":true},
              {"query":"SELECT v FROM t ORDER BY v"}]}
            """, HttpStatusCode.OK, ct);
        var results = body["results"]!.AsArray();
        foreach (var index in new[] { 0, 1, 3 })
        {
            var duration = results[index]!["duration_ms"];
            Assert.That(duration, Is.Not.Null, $"item {index} has duration_ms");
            Assert.That(duration!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
        }

        Assert.That(results[2]!["success"]!.GetValue<bool>(), Is.False);
        Assert.That(results[3]!["resultSet"]!.ToJsonString(), Is.EqualTo("""[{"v":1},{"v":2}]"""));
    }

    [TestCase("PATCH", "/db?db=x", """{"error":"METHOD_NOT_ALLOWED","reqIdx":-1}""", "POST")]
    [TestCase("GET", "/db?db=x", """{"error":"METHOD_NOT_ALLOWED","reqIdx":-1}""", "POST")]
    [TestCase("PUT", "/db/create?path=x", """{"error":"METHOD_NOT_ALLOWED"}""", "POST")]
    [TestCase("POST", "/query?db=x", """{"error":"METHOD_NOT_ALLOWED"}""", "GET")]
    [TestCase("PATCH", "/history?db=x", """{"error":"METHOD_NOT_ALLOWED"}""", "GET, DELETE")]
    [CancelAfter(10_000)]
    public async Task A_wrong_method_on_a_sql_route_is_405_in_the_sql_shape(string method, string path, string expected, string allow, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), SqliteHost.Url(path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var response = await _host.Client.SendAsync(request, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.MethodNotAllowed, ct);
        var expectedBody = System.Text.Json.Nodes.JsonNode.Parse(expected)!.AsObject();
        foreach (var (name, value) in expectedBody)
            Assert.That(body[name]?.ToJsonString(), Is.EqualTo(value!.ToJsonString()), name);
        Assert.That(body["statusCode"], Is.Null, "not the KV family");
        Assert.That((string?)body["message"], Does.Contain(method));
        Assert.That(string.Join(", ", response.Content.Headers.Allow), Is.EqualTo(allow));
    }

    [Test, CancelAfter(10_000)]
    public async Task Maintenance_takes_a_timeout_in_whole_seconds(CancellationToken ct)
    {
        var db = await _host.CreateDbAsync("wire_maintenance", ct);
        var ok = await _host.PostJsonAsync($"/maintenance?db={db}&timeout=5", """{"op":"quick_check"}""", HttpStatusCode.OK, ct);
        Assert.That(ok["result"]![0]!["quick_check"]!.GetValue<string>(), Is.EqualTo("ok"));
        foreach (var bad in new[] { "0", "-1", "1.5", "soon" })
        {
            var refused = await _host.PostJsonAsync($"/maintenance?db={db}&timeout={bad}", """{"op":"quick_check"}""", HttpStatusCode.BadRequest, ct);
            Assert.That((string?)refused["error"], Is.EqualTo("INVALID_PARAMETERS"), bad);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task A_wrong_method_on_a_kv_route_stays_in_the_kv_shape(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, SqliteHost.Url("/kv/batch/get?db=x"));
        using var response = await _host.Client.SendAsync(request, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.MethodNotAllowed, ct);
        Assert.That(body["statusCode"]!.GetValue<int>(), Is.EqualTo(405));
    }
}
