using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Host;

/// <summary>The daemon service on the real host: health, Host selection, its error family, the built-in listing.</summary>
public sealed class DaemonHostTests
{
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Health_answers_the_standard_nine_fields(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/daemon/health");
        request.Headers.UserAgent.ParseAdd("hoody-test/1.0");
        using var response = await _host.Client.SendAsync(request, ct);
        var body = (JsonObject)await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);

        Assert.That(body.Select(p => p.Key), Is.SupersetOf(new[] { "status", "service", "built", "started", "memory", "fds", "pid", "ip", "userAgent" }));
        Assert.That((string?)body["status"], Is.EqualTo("ok"));
        Assert.That((string?)body["service"], Is.EqualTo("hoody-daemon"));
        Assert.That((int?)body["pid"], Is.EqualTo(Environment.ProcessId));
        Assert.That((string?)body["ip"], Is.EqualTo("127.0.0.1"));
        Assert.That((string?)body["userAgent"], Is.EqualTo("hoody-test/1.0"));
        Assert.That((long?)body["memory"]!["rss"], Is.GreaterThan(0));
        Assert.That((int?)body["fds"], Is.GreaterThan(0));
        Assert.That(DateTimeOffset.Parse((string)body["started"]!, System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
    }

    [Test, CancelAfter(10_000)]
    public async Task Kit_host_name_with_daemon_label_answers_the_same_health(CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, "/api/v1/daemon/health", "p1-c1-daemon-1.srv.example");
        using var response = await _host.Client.SendAsync(request, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((string?)body["service"], Is.EqualTo("hoody-daemon"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_route_under_the_prefix_is_json_404_in_the_daemon_family(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/no/such/route", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, """{"success":false,"error":"Not found"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_program_id_uses_the_reference_wording(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs/999", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, """{"success":false,"error":"Program with ID 999 not found"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Malformed_json_is_400_in_the_daemon_family(CancellationToken ct)
    {
        using var content = new StringContent("{\"port\": ", Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/api/v1/daemon/programs/1001/start", content, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid JSON body"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Wrong_method_is_405_in_the_daemon_family(CancellationToken ct)
    {
        using var response = await _host.Client.DeleteAsync("/api/v1/daemon/programs", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.MethodNotAllowed, """{"success":false,"error":"Method not allowed"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Program_listing_shows_the_built_in_modules(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs?include_status=true", ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That(body["programs"]!.AsArray().Select(p => ((int?)p!["id"], (string?)p["name"])),
            Is.EqualTo(new[] { ((int?)1001, (string?)"hoody-daemon"), (1002, "hoody-terminal"), (1005, "hoody-pipe"), (1006, "hoody-sqlite") }));
        var daemon = body["programs"]!.AsArray().Single(p => (string?)p!["name"] == "hoody-daemon")!;

        Assert.That((int?)daemon["id"], Is.EqualTo(1001));
        Assert.That((bool?)daemon["hoody_kit"], Is.True);
        Assert.That((bool?)daemon["enabled"], Is.True);
        Assert.That((string?)daemon["status"]!["status"], Is.EqualTo("RUNNING"));
        Assert.That((int?)daemon["status"]!["pid"], Is.EqualTo(Environment.ProcessId));
        Assert.That((string?)daemon["status"]!["uptime"], Does.Match(@"^\d+:\d{2}:\d{2}$"));
    }

    [TestCase("hoody_kit=true", 4)]
    [TestCase("hoody_kit=false", 0)]
    [TestCase("enabled=true&boot=true", 4)]
    [TestCase("lazy_load=true", 0)]
    [TestCase("port=8080", 0)]
    [CancelAfter(10_000)]
    public async Task Listing_filters_apply(string query, int expected, CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs?" + query, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That(body["programs"]!.AsArray(), Has.Count.EqualTo(expected));
    }

    [Test, CancelAfter(10_000)]
    public async Task Listing_rejects_a_flag_that_is_not_true_or_false(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs?enabled=yes", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest,
            """{"success":false,"error":"Query parameter 'enabled' must be \"true\" or \"false\""}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task The_daemon_module_refuses_to_stop_itself(CancellationToken ct)
    {
        using var response = await _host.Client.PostAsync("/api/v1/daemon/programs/1001/stop", null, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.Conflict, ct);
        Assert.That((string?)body["error"], Does.Contain("cannot be stopped"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Status_lists_every_built_in_module(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/status", ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((bool?)body["success"], Is.True);
        Assert.That(body["statuses"]!.AsArray().Select(s => (string?)s!["name"]), Does.Contain("hoody-daemon"));
    }
}
