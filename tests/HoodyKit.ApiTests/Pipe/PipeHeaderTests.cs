using System.Net;
using System.Net.Http.Headers;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>What passes from the sender's headers to each receiver's (guide "Headers forwarded from sender"), and CORS.</summary>
public sealed class PipeHeaderTests : PipeHostFixture
{
    [TestCase("text/html", "text/plain")]
    [TestCase("text/html; charset=utf-8", "text/plain; charset=utf-8")]
    [TestCase("image/svg+xml", "text/plain")]
    [TestCase("application/atom+xml", "text/plain")]
    [TestCase("application/javascript; charset=iso-8859-1", "text/plain; charset=iso-8859-1")]
    [TestCase("image/png", "image/png")]
    [TestCase("application/octet-stream; foo=bar", "application/octet-stream")]
    [TestCase("text/plain; charset=\"bad value!\"", "text/plain")]
    [CancelAfter(10_000)]
    public async Task Content_type_is_forwarded_scriptable_types_become_text_plain(string sent, string received, CancellationToken ct)
    {
        using var response = await TransferAsync(new Dictionary<string, string> { ["Content-Type"] = sent }, "", ct);
        Assert.That(response.Content.Headers.GetValues("Content-Type").Single(), Is.EqualTo(received));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("X-Robots-Tag"), Is.EqualTo(new[] { "none" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Content_length_and_disposition_and_several_x_piping_pass_through_with_expose_headers(CancellationToken ct)
    {
        var path = NewPath();
        await using var receiver = CurlProcess.Start(["-D", "-", "-o", "/dev/null", Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);
        var file = TempFile(new byte[1234]);
        await using var sender = CurlProcess.Start(["-T", file, "-H", "Content-Disposition: attachment; filename=\"a.bin\"",
            "-H", "X-Piping: one", "-H", "X-Piping: two", "-H", "X-Hoody-Pipe: meta", Url(path)]);
        var headers = await receiver.ReadToEndAsync(ct);
        Assert.That(headers, Does.Contain("Content-Length: 1234\r\n"));
        Assert.That(headers, Does.Contain("Content-Disposition: attachment; filename=\"a.bin\"\r\n"));
        Assert.That(headers, Does.Contain("X-Piping: one\r\nX-Piping: two\r\n"));
        Assert.That(headers, Does.Contain("X-Hoody-Pipe: meta\r\n"));
        Assert.That(headers, Does.Contain("Access-Control-Expose-Headers: X-Piping, X-Hoody-Pipe\r\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Without_custom_headers_there_is_no_expose_headers_and_curl_t_sends_no_type(CancellationToken ct)
    {
        using var response = await TransferAsync(new Dictionary<string, string>(), "", ct);
        Assert.That(response.Headers.Contains("Access-Control-Expose-Headers"), Is.False);
        Assert.That(response.Content.Headers.ContentType, Is.Null);
    }

    [Test, CancelAfter(10_000)]
    public async Task Custom_headers_over_8_KiB_are_dropped(CancellationToken ct)
    {
        using var response = await TransferAsync(new Dictionary<string, string> { ["X-Piping"] = new('x', 8193) }, "", ct);
        Assert.That(response.Headers.Contains("X-Piping"), Is.False);
    }

    [Test, CancelAfter(10_000)]
    public async Task An_inline_disposition_becomes_attachment_unless_the_type_is_inline_safe(CancellationToken ct)
    {
        using (var unsafeType = await TransferAsync(new Dictionary<string, string>
               { ["Content-Type"] = "application/zip", ["Content-Disposition"] = "inline; filename=\"x.zip\"" }, "", ct))
            Assert.That(unsafeType.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo("attachment; filename=\"x.zip\""));
        using var image = await TransferAsync(new Dictionary<string, string>
            { ["Content-Type"] = "image/png", ["Content-Disposition"] = "inline; filename=\"x.png\"" }, "", ct);
        Assert.That(image.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo("inline; filename=\"x.png\""));
    }

    [TestCase("?download", "attachment; filename=\"sent.txt\"")]
    [TestCase("?download=true", "attachment; filename=\"sent.txt\"")]
    [TestCase("?download=false", null)]
    [TestCase("?download=0", null)]
    [TestCase("?filename=my%20report.pdf", "attachment; filename=\"my report.pdf\"")]
    [TestCase("?filename=..%2F..%2Fetc%2Fpasswd", "attachment; filename=\"etcpasswd\"")]
    [TestCase("?filename=r%C3%A9sum%C3%A9.txt", "attachment; filename=\"r_sum_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt")]
    [TestCase("?filename=...", "attachment")]
    [CancelAfter(10_000)]
    public async Task Download_control_is_per_receiver(string query, string? disposition, CancellationToken ct)
    {
        using var response = await TransferAsync(new Dictionary<string, string> { ["Content-Disposition"] = "inline; filename=\"sent.txt\"" }, query, ct);
        var actual = response.Content.Headers.TryGetValues("Content-Disposition", out var values) ? values.Single() : null;
        Assert.That(actual, Is.EqualTo(disposition));
    }

    [Test, CancelAfter(10_000)]
    public async Task Download_without_a_sender_file_name_uses_the_path_basename(CancellationToken ct)
    {
        var path = NewPath() + "/report.csv";
        var receive = Client.GetAsync(Url(path, "?download"), ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var send = await Client.PostAsync(Url(path), new ByteArrayContent([1]), ct);
        using var response = await receive;
        Assert.That(response.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo("attachment; filename=\"report.csv\""));
    }

    [Test, CancelAfter(10_000)]
    public async Task Two_receivers_of_one_transfer_choose_their_own_disposition(CancellationToken ct)
    {
        var path = NewPath();
        var downloading = Client.GetAsync(Url(path, "?n=2&download"), ct);
        var inline = Client.GetAsync(Url(path, "?n=2&download=false"), ct);
        await WaitForReceiversAsync(path, 2, ct);
        using var content = new StringContent("x");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = "\"f.txt\"" };
        using var send = await Client.PostAsync(Url(path, "?n=2"), content, ct);
        using var first = await downloading;
        using var second = await inline;
        Assert.That(first.Content.Headers.ContentDisposition?.ToString(), Is.EqualTo("attachment; filename=\"f.txt\""));
        Assert.That(second.Content.Headers.ContentDisposition, Is.Null);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_multipart_sender_streams_its_first_file_part_with_its_headers_and_no_length(CancellationToken ct)
    {
        var path = NewPath();
        await using var receiver = CurlProcess.Start(["-D", "/dev/stderr", Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);
        var file = TempFile("file part body\n"u8.ToArray());
        await using var sender = CurlProcess.Start(["-F", "note=skipped field", "-F", $"input_file=@{file};type=image/png;filename=pic.png",
            "-F", "second=@/etc/hostname", Url(path)]);
        Assert.That(await receiver.ReadToEndAsync(ct), Is.EqualTo("file part body\n"));
        var (_, headers) = await receiver.ExitAsync(ct);
        Assert.That(headers, Does.Contain("Content-Type: image/png\r\n"));
        Assert.That(headers, Does.Contain("Content-Disposition: attachment; filename=\"pic.png\"\r\n"));
        Assert.That(headers, Does.Not.Contain("Content-Length"));
        Assert.That(await sender.ReadToEndAsync(ct), Does.EndWith("[INFO] Transfer complete.\n"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_noscript_text_field_is_streamed_as_utf8_text(CancellationToken ct)
    {
        var path = NewPath();
        var receive = Client.GetAsync(Url(path), ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var form = new MultipartFormDataContent { { new StringContent("héllo"), "input_text" } };
        form.First().Headers.ContentType = null;
        using var send = await Client.PostAsync(Url(path), form, ct);
        using var response = await receive;
        Assert.That(await response.Content.ReadAsStringAsync(ct), Is.EqualTo("héllo"));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Cors_reflects_a_real_origin_with_credentials_and_uses_a_star_for_null(CancellationToken ct)
    {
        using (var real = await TransferAsync(new Dictionary<string, string>(), "", ct, origin: "https://app.example.com"))
        {
            Assert.That(real.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example.com" }));
            Assert.That(real.Headers.GetValues("Access-Control-Allow-Credentials"), Is.EqualTo(new[] { "true" }));
            Assert.That(real.Headers.Vary, Does.Contain("Origin"));
        }

        using var sandboxed = await TransferAsync(new Dictionary<string, string>(), "", ct, origin: "null");
        Assert.That(sandboxed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That(sandboxed.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_preflight_on_any_path_lists_methods_and_headers_and_private_network_when_asked(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Url("/any/where"));
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");
        using var response = await Client.SendAsync(request, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://app.example.com"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Methods").Single(), Is.EqualTo("GET, POST, PUT, OPTIONS"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Headers").Single(),
            Is.EqualTo("Content-Type, Content-Disposition, Authorization, X-Piping, X-Hoody-Pipe"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Credentials").Single(), Is.EqualTo("true"));
        Assert.That(response.Headers.GetValues("Access-Control-Max-Age").Single(), Is.EqualTo("86400"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Private-Network").Single(), Is.EqualTo("true"));

        using var plain = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, Url("/help")), ct);
        Assert.That(plain.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        Assert.That(plain.Headers.Contains("Access-Control-Allow-Private-Network"), Is.False);
        Assert.That(plain.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
    }

    /// <summary>One transfer of <c>"body"</c> with the sender's <paramref name="headers"/>; the receiver's response.</summary>
    private async Task<HttpResponseMessage> TransferAsync(Dictionary<string, string> headers, string query, CancellationToken ct, string? origin = null)
    {
        var path = NewPath();
        using var get = new HttpRequestMessage(HttpMethod.Get, Url(path, query));
        if (origin is not null) get.Headers.Add("Origin", origin);
        var receive = Client.SendAsync(get, ct);
        await WaitForReceiversAsync(path, 1, ct);
        var args = new List<string> { "-T", "-", "-H", "Content-Type:" };
        foreach (var (name, value) in headers) args.AddRange(["-H", $"{name}: {value}"]);
        args.Add(Url(path));
        await using var sender = CurlProcess.Start(args, stdin: true);
        await sender.Input.WriteAsync("body"u8.ToArray(), ct);
        sender.Input.Close();
        var response = await receive;
        Assert.That(await response.Content.ReadAsStringAsync(ct), Is.EqualTo("body"));
        return response;
    }
}
