using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary><c>?progress</c> spectators (server-sent events and the dashboard), and the token on pipe routes.</summary>
public sealed class PipeProgressTests : PipeHostFixture
{
    private const string Token = "pipe-token";

    private protected override KitHostOptions HostOptions => new() { Token = Token };

    [Test, CancelAfter(20_000)]
    public async Task A_spectator_sees_state_then_done_and_takes_no_receiver_slot(CancellationToken ct)
    {
        var path = NewPath();
        using var watch = new HttpRequestMessage(HttpMethod.Get, Url(path, "?progress&token=" + Token));
        watch.Headers.Add("Accept", "text/event-stream");
        using var events = await Client.SendAsync(watch, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.That(events.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(ct));
        Assert.That(await reader.ReadLineAsync(ct), Is.EqualTo("event: state"));
        Assert.That(await reader.ReadLineAsync(ct), Is.EqualTo("data: {\"state\":\"idle\",\"hasSender\":false,\"activeReceivers\":0}"));

        var receive = Client.GetStringAsync(Url(path, "?token=" + Token), ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var send = await Client.PostAsync(Url(path, "?token=" + Token), new StringContent("watched"), ct);
        Assert.That(await receive, Is.EqualTo("watched"));

        string? line;
        while ((line = await reader.ReadLineAsync(ct)) is not null && line != "event: done") { }
        var done = await reader.ReadLineAsync(ct);
        Assert.That(done, Does.StartWith("data: {\"state\":\"complete\",\"bytesTransferred\":7,"));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_browser_gets_the_progress_dashboard(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/some/file", "?progress&token=" + Token));
        request.Headers.Add("Accept", "text/html");
        using var page = await Client.SendAsync(request, ct);
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(ct), Does.Contain("EventSource").And.Contain($"data-path=\"/api/v1/pipe/some/file?token={Token}\""));
    }

    /// <summary>A browser without scripts can only send what its forms carry: the token must be in them.</summary>
    [Test, CancelAfter(20_000)]
    public async Task The_noscript_page_keeps_the_token_in_both_forms_and_its_upload_goes_through(CancellationToken ct)
    {
        var path = NewPath().TrimStart('/');
        var html = await Client.GetStringAsync(Url("/noscript", $"?path={path}&mode=text&token={Token}"), ct);
        Assert.That(html, Does.Contain($"<input type=\"hidden\" name=\"token\" value=\"{Token}\">"));
        var action = System.Text.RegularExpressions.Regex.Match(html, "<form method=\"POST\" action=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(action, Is.EqualTo($"{path}?token={Token}"));

        var receive = Client.GetStringAsync(Url("/" + path, "?token=" + Token), ct);
        await WaitForReceiversAsync("/" + path, 1, ct);
        using var form = new MultipartFormDataContent { { new StringContent("sent without scripts"), "input_text" } };
        form.First().Headers.ContentType = null;
        using var send = await Client.PostAsync(new Uri(new Uri(Client.BaseAddress!, Url("/noscript")), action), form, ct);
        Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await receive, Is.EqualTo("sent without scripts"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Without_the_token_a_pipe_answers_401_in_plain_text_and_health_stays_open(CancellationToken ct)
    {
        using var denied = await Client.GetAsync(Url(NewPath()), ct);
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await denied.Content.ReadAsStringAsync(ct), Is.EqualTo("[ERROR] Unauthorized\n"));
        using var health = await Client.GetAsync("/api/v1/pipe/health", ct);
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
