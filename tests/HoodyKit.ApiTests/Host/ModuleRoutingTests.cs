using System.Net;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;
using HoodyKit.Core.Errors;

namespace HoodyKit.ApiTests.Host;

/// <summary>
/// The shared mechanisms on modules of other families: Host selection with root paths and index,
/// each family's 404/405/400/415/500, and the in-process on/off switch driven through the daemon API.
/// </summary>
public sealed class ModuleRoutingTests
{
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None, null,
        new WidgetsModule(), new WidgetsModule("gadgets", ErrorShape.StatusCodeErrorMessage), new WidgetsModule("pipes", ErrorShape.PlainText));

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCase("p1-c1-widgets-3.srv.containers.example", 3)]
    [TestCase("widgets-2.localhost", 2)]
    [TestCase("p1-c1-widgets-0.srv.example", 0)]
    [CancelAfter(10_000)]
    public async Task Root_path_on_a_service_host_reaches_the_service_with_its_index(string hostName, int index, CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, "/things", hostName);
        using var response = await _host.Client.SendAsync(request, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.OK, $$"""{"index":{{index}},"path":"/api/v1/widgets/things"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Bare_service_host_selects_without_an_index(CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, "/things", "widgets.localhost");
        using var response = await _host.Client.SendAsync(request, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.OK, """{"index":null,"path":"/api/v1/widgets/things"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Prefixed_path_works_on_any_host(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/widgets/things", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.OK, """{"index":null,"path":"/api/v1/widgets/things"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Root_path_on_a_plain_host_is_not_found(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/things", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, """{"success":false,"error":"Not found"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_root_path_on_a_service_host_is_404_in_that_service_family(CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, "/nope", "widgets-1.localhost");
        using var response = await _host.Client.SendAsync(request, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, """{"code":"NOT_FOUND","message":"Not found","details":null}""", ct);
    }

    [TestCase("widgets", """{"code":"NOT_FOUND","message":"Not found","details":null}""")]
    [TestCase("gadgets", """{"statusCode":404,"error":"Not Found","message":"Not found","code":"NOT_FOUND"}""")]
    [CancelAfter(10_000)]
    public async Task Unknown_route_answers_in_the_owning_family(string module, string body, CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync($"/api/v1/{module}/nope", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, body, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Plain_text_family_answers_text(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/pipes/nope", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(ct), Is.EqualTo("[ERROR] Not found\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Handler_error_keeps_its_code_in_the_family(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/gadgets/missing", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound,
            """{"statusCode":404,"error":"Not Found","message":"No such thing","code":"THING_NOT_FOUND"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Unexpected_exception_is_500_in_the_family_and_the_host_keeps_serving(CancellationToken ct)
    {
        using (var response = await _host.Client.GetAsync("/api/v1/widgets/boom", ct))
            await HttpAssert.JsonAsync(response, HttpStatusCode.InternalServerError,
                """{"code":"INTERNAL_ERROR","message":"Internal server error","details":null}""", ct);
        using var after = await _host.Client.GetAsync("/api/v1/widgets/things", ct);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(10_000)]
    public async Task Malformed_json_is_400_in_the_family(CancellationToken ct)
    {
        using var content = new StringContent("{\"text\":", Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/api/v1/gadgets/echo", content, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((int?)body["statusCode"], Is.EqualTo(400));
        Assert.That((string?)body["code"], Is.EqualTo("INVALID_JSON"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Wrong_content_type_is_415_in_the_family(CancellationToken ct)
    {
        using var content = new StringContent("text=hi", Encoding.UTF8, "text/plain");
        using var response = await _host.Client.PostAsync("/api/v1/widgets/echo", content, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.UnsupportedMediaType, ct);
        Assert.That((string?)body["code"], Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Wrong_method_is_405_in_the_family(CancellationToken ct)
    {
        using var response = await _host.Client.DeleteAsync("/api/v1/widgets/things", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.MethodNotAllowed,
            """{"code":"METHOD_NOT_ALLOWED","message":"Method not allowed","details":null}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Stopped_module_answers_503_in_its_family_while_health_stays_up(CancellationToken ct)
    {
        var id = await ProgramIdAsync("hoody-gadgets", ct);
        using (var stop = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/stop", null, ct))
            await HttpAssert.JsonAsync(stop, HttpStatusCode.OK, """{"success":true}""", ct);
        try
        {
            using (var stopped = await _host.Client.GetAsync("/api/v1/gadgets/things", ct))
                await HttpAssert.JsonAsync(stopped, HttpStatusCode.ServiceUnavailable,
                    """{"statusCode":503,"error":"Service Unavailable","message":"The gadgets service is stopped","code":"MODULE_STOPPED"}""", ct);
            using (var health = await _host.Client.GetAsync("/api/v1/gadgets/health", ct))
            {
                var body = await HttpAssert.ReadJsonAsync(health, HttpStatusCode.OK, ct);
                Assert.That((bool?)body["running"], Is.False);
            }

            using var status = await _host.Client.GetAsync($"/api/v1/daemon/status/{id}", ct);
            var state = (await HttpAssert.ReadJsonAsync(status, HttpStatusCode.OK, ct))["status"]!;
            Assert.That((int?)state["id"], Is.EqualTo(id));
            Assert.That((string?)state["status"], Is.EqualTo("STOPPED"));
            Assert.That(state["pid"], Is.Null);
            Assert.That(state["uptime"], Is.Null);
        }
        finally
        {
            using var start = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/start", null, ct);
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var again = await _host.Client.GetAsync("/api/v1/gadgets/things", ct);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(10_000)]
    public async Task Disabled_module_refuses_start_until_enabled(CancellationToken ct)
    {
        var id = await ProgramIdAsync("hoody-pipes", ct);
        using (var disable = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/disable", null, ct))
        {
            var body = await HttpAssert.ReadJsonAsync(disable, HttpStatusCode.OK, ct);
            Assert.That((bool?)body["program"]!["enabled"], Is.False);
        }

        using (var start = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/start", null, ct))
            await HttpAssert.JsonAsync(start, HttpStatusCode.Conflict, """{"success":false,"error":"Program 'hoody-pipes' is disabled"}""", ct);
        using (var enable = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/enable", null, ct))
            Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var works = await _host.Client.GetAsync("/api/v1/pipes/things", ct);
        Assert.That(works.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(10_000)]
    public async Task Starting_a_running_module_is_409_unless_if_not_running(CancellationToken ct)
    {
        var id = await ProgramIdAsync("hoody-widgets", ct);
        using (var plain = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/start", null, ct))
            await HttpAssert.JsonAsync(plain, HttpStatusCode.Conflict, """{"success":false,"error":"Program 'hoody-widgets' is already running"}""", ct);
        using var content = new StringContent("""{"if_not_running":true}""", Encoding.UTF8, "application/json");
        using var tolerant = await _host.Client.PostAsync($"/api/v1/daemon/programs/{id}/start", content, ct);
        var body = await HttpAssert.ReadJsonAsync(tolerant, HttpStatusCode.OK, ct);
        Assert.That((bool?)body["already_running"], Is.True);
        Assert.That((string?)body["instance"]!["status"], Is.EqualTo("RUNNING"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Health_reports_found_and_missing_tools(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/widgets/health", ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((string?)body["service"], Is.EqualTo("hoody-widgets"));
        Assert.That((bool?)body["tools"]!["sh"], Is.True);
        Assert.That((bool?)body["tools"]!["no-such-tool-hk"], Is.False);
    }

    private async Task<int> ProgramIdAsync(string name, CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs?hoody_kit=true", ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        return (int)body["programs"]!.AsArray().Single(p => (string?)p!["name"] == name)!["id"]!;
    }
}
