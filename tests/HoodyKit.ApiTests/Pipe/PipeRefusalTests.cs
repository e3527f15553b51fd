using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>Bad input: each answers its documented status with one <c>text/plain</c> <c>[ERROR] …</c> line, CORS and a length.</summary>
public sealed class PipeRefusalTests : PipeHostFixture
{
    [Test, CancelAfter(20_000)]
    public async Task A_second_sender_on_a_waiting_path_is_refused(CancellationToken ct)
    {
        var path = NewPath();
        await using var first = CurlProcess.Start(["-T", "-", Url(path)], stdin: true);
        await WaitForSenderAsync(path, ct);
        using var second = await Client.PostAsync(Url(path), new StringContent("x"), ct);
        await AssertErrorAsync(second, HttpStatusCode.BadRequest, $"[ERROR] Path '{path}' already has a sender connected.\n", ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_receiver_beyond_n_is_refused_before_and_during_the_transfer(CancellationToken ct)
    {
        var path = NewPath();
        var first = Client.GetAsync(Url(path, "?n=1"), HttpCompletionOption.ResponseHeadersRead, ct);
        await WaitForReceiversAsync(path, 1, ct);
        using (var extra = await Client.GetAsync(Url(path), ct))
            await AssertErrorAsync(extra, HttpStatusCode.BadRequest, $"[ERROR] All 1 receiver slot(s) of path '{path}' are taken.\n", ct);

        await using var sender = CurlProcess.Start(["-T", "-", Url(path)], stdin: true);
        using var response = await first;
        using (var during = await Client.GetAsync(Url(path), ct))
            await AssertErrorAsync(during, HttpStatusCode.BadRequest, $"[ERROR] Path '{path}' is already in use by an active transfer.\n", ct);
        using (var sender2 = await Client.PutAsync(Url(path), new StringContent("x"), ct))
            await AssertErrorAsync(sender2, HttpStatusCode.BadRequest, $"[ERROR] Path '{path}' is already in use by an active transfer.\n", ct);
    }

    [TestCase("?n=2", "?n=3", 2, 3, TestName = "N_mismatch_receivers_first_is_refused")]
    [TestCase("", "?n=2", 1, 2, TestName = "N_mismatch_default_n_is_refused")]
    [CancelAfter(20_000)]
    public async Task N_mismatch_is_refused(string firstQuery, string secondQuery, int pipeN, int askedN, CancellationToken ct)
    {
        var path = NewPath();
        var receiver = Client.GetAsync(Url(path, firstQuery), ct);
        await WaitForReceiversAsync(path, 1, ct);
        using (var sender = await Client.PostAsync(Url(path, secondQuery), new StringContent("x"), ct))
            await AssertErrorAsync(sender, HttpStatusCode.BadRequest,
                $"[ERROR] Receiver count mismatch: path '{path}' was opened with n={pipeN}, this request has n={askedN}.\n", ct);
        using (var other = await Client.GetAsync(Url(path, secondQuery), ct))
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(receiver.IsCompleted, Is.False);
    }

    [Test, CancelAfter(20_000)]
    public async Task N_mismatch_with_a_sender_first_is_refused(CancellationToken ct)
    {
        var path = NewPath();
        await using var sender = CurlProcess.Start(["-T", "-", Url(path, "?n=3")], stdin: true);
        await WaitForSenderAsync(path, ct);
        using var receiver = await Client.GetAsync(Url(path, "?n=2"), ct);
        await AssertErrorAsync(receiver, HttpStatusCode.BadRequest,
            $"[ERROR] Receiver count mismatch: path '{path}' was opened with n=3, this request has n=2.\n", ct);
    }

    [TestCase("hoge")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("257")]
    [TestCase("1.5")]
    [TestCase("")]
    [CancelAfter(10_000)]
    public async Task An_invalid_n_is_refused_on_both_sides(string n, CancellationToken ct)
    {
        const string expected = "[ERROR] Invalid 'n' parameter: it must be an integer from 1 to 256.\n";
        using (var get = await Client.GetAsync(Url(NewPath(), "?n=" + n), ct))
            await AssertErrorAsync(get, HttpStatusCode.BadRequest, expected, ct);
        using (var post = await Client.PostAsync(Url(NewPath(), "?n=" + n), new StringContent("x"), ct))
            await AssertErrorAsync(post, HttpStatusCode.BadRequest, expected, ct);
    }

    [TestCase("/")]
    [TestCase("/help")]
    [TestCase("/noscript")]
    [TestCase("/favicon.ico")]
    [TestCase("/robots.txt")]
    [TestCase("/version")]
    [TestCase("/health")]
    [CancelAfter(10_000)]
    public async Task Sending_to_a_reserved_path_is_refused(string path, CancellationToken ct)
    {
        using var response = await Client.PutAsync(Url(path), new StringContent("x"), ct);
        if (path == "/health")
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed)); // health's own answer
            return;
        }

        await AssertErrorAsync(response, HttpStatusCode.BadRequest,
            $"[ERROR] '{path}' is a reserved path. Use a custom path like '/myfile' or '/transfer123'.\n", ct);
    }

    [TestCase("DELETE")]
    [TestCase("PATCH")]
    [TestCase("HEAD")]
    [CancelAfter(10_000)]
    public async Task Other_methods_on_a_pipe_path_are_405_with_allow(string method, CancellationToken ct)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(NewPath())), ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST", "PUT", "OPTIONS" }));
        if (method != "HEAD")
            await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, $"[ERROR] Method {method} is not allowed. Use GET, POST, or PUT.\n", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_service_worker_script_request_is_refused(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(NewPath()));
        request.Headers.Add("Service-Worker", "script");
        using var response = await Client.SendAsync(request, ct);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "[ERROR] Service Worker registration is not allowed on pipe paths.\n", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_send_with_content_range_is_refused(CancellationToken ct)
    {
        var content = new ByteArrayContent(new byte[10]);
        content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, 9, 100);
        using var response = await Client.PutAsync(Url(NewPath()), content, ct);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "[ERROR] Content-Range is not supported: send the complete body.\n", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_path_over_1024_characters_is_414_and_1024_is_fine(CancellationToken ct)
    {
        using (var tooLong = await Client.PostAsync(Url("/" + new string('a', 1025)), new StringContent("x"), ct))
            await AssertErrorAsync(tooLong, HttpStatusCode.RequestUriTooLong, "[ERROR] Path too long (max 1024 characters).\n", ct);
        var path = "/" + new string('b', 1024);
        var receive = Client.GetStringAsync(Url(path), ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var send = await Client.PostAsync(Url(path), new StringContent("long path"), ct);
        Assert.That(await receive, Is.EqualTo("long path"));
    }

    [TestCase("/a%0Ab")]
    [TestCase("/a%5Cb")]
    [CancelAfter(10_000)]
    public async Task Control_characters_and_backslashes_in_the_path_are_refused(string path, CancellationToken ct)
    {
        using var response = await Client.GetAsync(Url(path), ct);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "[ERROR] Invalid path: control characters and backslashes are not allowed.\n", ct);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string body, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(text, Is.EqualTo(body));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(body)));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
    }
}
