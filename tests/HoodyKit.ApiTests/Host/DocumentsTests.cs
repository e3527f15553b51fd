using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Host;

/// <summary>Per-service OpenAPI documents and Prometheus metrics.</summary>
public sealed class DocumentsTests
{
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None, null, new WidgetsModule());

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task OpenApi_json_lists_only_the_service_paths(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/openapi.json", ct);
        var doc = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Does.Contain("/api/v1/daemon/health").And.Contain("/api/v1/daemon/programs"));
        Assert.That(paths, Has.None.StartsWith("/api/v1/widgets"));
    }

    [Test, CancelAfter(10_000)]
    public async Task OpenApi_yaml_is_served(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/widgets/openapi.yaml", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Does.StartWith("openapi: ").And.Contain("/api/v1/widgets/things:"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Metrics_count_requests_per_service(CancellationToken ct)
    {
        for (var i = 0; i < 3; i++)
            using (var r = await _host.Client.GetAsync("/api/v1/widgets/things", ct)) Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var response = await _host.Client.GetAsync("/api/v1/widgets/metrics", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(text, Does.Contain("hoody_module_up{service=\"widgets\"} 1\n"));
        Assert.That(text, Does.Contain("hoody_http_requests_total{service=\"widgets\",method=\"GET\",status=\"200\"} 3\n"));
        Assert.That(text, Does.Not.Contain("service=\"daemon\""));
        Assert.That(text, Does.Match(@"process_resident_memory_bytes \d+"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_openapi_document_is_404(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/nothing/openapi.json", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)), Is.Not.Null);
    }
}
