using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>The reserved paths, health, metrics, OpenAPI and the root aliases on a pipe Host.</summary>
public sealed class PipeInfoTests : PipeHostFixture
{
    [Test, CancelAfter(10_000)]
    public async Task Help_prints_curl_examples_with_the_prefix_the_request_used(CancellationToken ct)
    {
        var prefixed = await Client.GetStringAsync(Url("/help"), ct);
        Assert.That(prefixed, Does.StartWith("Hoody Pipe 1.6.1\nStreaming Data Transfer over HTTP\n\n======= Get  =======\n"));
        Assert.That(prefixed, Does.Contain($"curl {Base}/mypath\n").And.Contain($"curl -T myfile {Base}/mypath\n"));
        Assert.That(prefixed, Does.Contain("openssl aes-256-cbc"));

        using var request = HttpAssert.WithHost(HttpMethod.Get, "/help", "p1-c1-pipe-1.srv.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var root = await Client.SendAsync(request, ct);
        Assert.That(await root.Content.ReadAsStringAsync(ct), Does.Contain("curl https://p1-c1-pipe-1.srv.example/mypath\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Version_favicon_and_robots_answer_as_documented(CancellationToken ct)
    {
        using (var version = await Client.GetAsync(Url("/version"), ct))
        {
            Assert.That(await version.Content.ReadAsStringAsync(ct), Is.EqualTo("1.6.1\n"));
            Assert.That(version.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        }

        using (var favicon = await Client.GetAsync(Url("/favicon.ico"), ct))
            Assert.That(favicon.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var robots = await Client.GetAsync(Url("/robots.txt"), ct);
        Assert.That(robots.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, CancelAfter(10_000)]
    public async Task Head_on_a_reserved_path_has_the_headers_of_get_and_no_body(CancellationToken ct)
    {
        using var get = await Client.GetAsync(Url("/help"), ct);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("/help")), ct);
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(get.Content.Headers.ContentLength));
        Assert.That(head.Content.Headers.ContentType, Is.EqualTo(get.Content.Headers.ContentType));
        Assert.That(await head.Content.ReadAsByteArrayAsync(ct), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Health_has_the_standard_body_and_its_own_405_and_root_404(CancellationToken ct)
    {
        var body = await Client.GetFromJsonNodeAsync("/api/v1/pipe/health", ct);
        Assert.That((string?)body["status"], Is.EqualTo("ok"));
        Assert.That((string?)body["service"], Is.EqualTo("hoody-pipe"));
        Assert.That(body["pid"], Is.Not.Null);
        Assert.That((string?)body["ip"], Is.EqualTo("127.0.0.1"));

        using (var delete = await Client.DeleteAsync("/api/v1/pipe/health", ct))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(await delete.Content.ReadAsStringAsync(ct), Is.EqualTo("[ERROR] Method DELETE is not allowed.\n"));
            Assert.That(delete.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD", "OPTIONS" }));
        }

        using var root = await Client.SendAsync(HttpAssert.WithHost(HttpMethod.Get, "/health", "pipe-1.localhost"), ct);
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await root.Content.ReadAsStringAsync(ct), Is.EqualTo("[ERROR] '/health' is not a valid path. Use '/api/v1/pipe/health'.\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task The_root_alias_on_a_pipe_host_and_the_prefix_and_encoded_slashes_are_the_same_pipe(CancellationToken ct)
    {
        var path = NewPath() + "/inner";
        using var receiveRequest = HttpAssert.WithHost(HttpMethod.Get, path, "pipe.localhost");
        var receive = Client.SendAsync(receiveRequest, ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var send = await Client.PostAsync(Url(path.Replace("/inner", "%2Finner", StringComparison.Ordinal)), new StringContent("aliased"), ct);
        Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var response = await receive;
        Assert.That(await response.Content.ReadAsStringAsync(ct), Is.EqualTo("aliased"));
    }

    [Test, CancelAfter(10_000)]
    public async Task The_index_and_noscript_pages_are_html_and_noscript_escapes_its_path(CancellationToken ct)
    {
        foreach (var page in new[] { "/api/v1/pipe", "/api/v1/pipe/" })
        {
            using var index = await Client.GetAsync(page, ct);
            Assert.That(index.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await index.Content.ReadAsStringAsync(ct), Does.Contain("<title>Hoody Pipe</title>"));
        }

        using var noscript = await Client.GetAsync(Url("/noscript", "?path=/my%22path%3Cx&mode=text"), ct);
        var html = await noscript.Content.ReadAsStringAsync(ct);
        Assert.That(html, Does.Contain("value=\"mypathx\"").And.Contain("name=\"input_text\"").And.Not.Contain("<script"));
        var csp = noscript.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.StartWith("default-src 'none'; style-src 'nonce-"));
        var nonce = csp.Split("'nonce-")[1].Split('\'')[0];
        Assert.That(html, Does.Contain($"<style nonce=\"{nonce}\">"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Video_with_accept_html_is_the_player_and_takes_no_receiver_slot(CancellationToken ct)
    {
        var path = NewPath();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path, "?video"));
        request.Headers.Add("Accept", "text/html");
        using var player = await Client.SendAsync(request, ct);
        var html = await player.Content.ReadAsStringAsync(ct);
        Assert.That(html, Does.Contain($"data-path=\"/api/v1/pipe{path}\"").And.Contain("MediaSource"));
        Assert.That(player.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("media-src blob:"));
        await WaitForAsync(path, s => s.Receivers == 0, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Metrics_and_openapi_answer_under_the_prefix(CancellationToken ct)
    {
        var metrics = await Client.GetStringAsync("/api/v1/pipe/metrics", ct);
        Assert.That(metrics, Does.Contain("hoody_pipe_pending ").And.Contain("hoody_pipe_transfers_total{outcome=\"complete\"}"));
        var openapi = await Client.GetStringAsync("/api/v1/pipe/openapi.json", ct);
        Assert.That(openapi, Does.Contain("\"/api/v1/pipe/{path}\""));
    }
}
