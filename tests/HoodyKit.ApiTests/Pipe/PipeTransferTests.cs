using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>Transfers end to end with real curl processes and HttpClient: both orders, fan-out, methods, reuse.</summary>
public sealed class PipeTransferTests : PipeHostFixture
{
    private static readonly string[] s_senderLines =
    [
        "[INFO] Waiting for 1 receiver(s) to connect...",
        "[INFO] Streaming to 1 receiver(s)...",
        "[INFO] Upload complete.",
        "[INFO] Transfer complete.",
    ];

    [Test, CancelAfter(20_000)]
    public async Task Sender_first_gets_its_waiting_line_before_any_receiver_then_the_receiver_gets_the_bytes(CancellationToken ct)
    {
        var path = NewPath();
        var data = Bytes(300_000);
        var file = TempFile(data);
        await using var sender = CurlProcess.Start(["-T", file, Url(path)]);
        Assert.That(await sender.ReadLineAsync(ct), Is.EqualTo(s_senderLines[0]), "the sender hears back before any receiver exists");

        await using var receiver = CurlProcess.Start([Url(path)]);
        var (length, sha) = await receiver.HashOutputAsync(ct);
        Assert.That((length, sha), Is.EqualTo((data.LongLength, Sha256(data))));
        Assert.That(await sender.ReadToEndAsync(ct), Is.EqualTo(string.Join('\n', s_senderLines[1..]) + "\n"));
        Assert.That((await sender.ExitAsync(ct)).ExitCode, Is.Zero);
    }

    [Test, CancelAfter(20_000)]
    public async Task Receiver_first_with_HttpClient_gets_the_body_and_the_sender_hears_receivers_were_there(CancellationToken ct)
    {
        var path = NewPath();
        var receive = Client.GetAsync(Url(path), HttpCompletionOption.ResponseHeadersRead, ct);
        await WaitForReceiversAsync(path, 1, ct);
        using var send = await Client.PostAsync(Url(path), new StringContent("hello pipe"), ct);
        Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await send.Content.ReadAsStringAsync(ct), Is.EqualTo(
            "[INFO] Waiting for 1 receiver(s) to connect...\n[INFO] 1 receiver(s) already connected.\n" +
            string.Join('\n', s_senderLines[1..]) + "\n"));
        using var response = await receive;
        Assert.That(await response.Content.ReadAsStringAsync(ct), Is.EqualTo("hello pipe"));
    }

    [TestCase("RRRS")]
    [TestCase("SRRR")]
    [TestCase("RSRR")]
    [CancelAfter(30_000)]
    public async Task Three_receivers_get_identical_bytes_in_any_order(string order, CancellationToken ct)
    {
        var path = NewPath();
        var data = Bytes(2_000_000, seed: order.GetHashCode(StringComparison.Ordinal));
        var file = TempFile(data);
        var receivers = new List<CurlProcess>();
        CurlProcess? sender = null;
        try
        {
            foreach (var party in order)
            {
                if (party == 'S')
                {
                    sender = CurlProcess.Start(["-T", file, Url(path, "?n=3")]);
                    await WaitForSenderAsync(path, ct);
                }
                else
                {
                    receivers.Add(CurlProcess.Start([Url(path, "?n=3")]));
                    await WaitForReceiversAsync(path, receivers.Count, ct);
                }
            }

            var sums = await Task.WhenAll(receivers.Select(r => r.HashOutputAsync(ct)));
            Assert.That(sums, Has.All.EqualTo((data.LongLength, Sha256(data))));
            var lines = await sender!.ReadToEndAsync(ct);
            Assert.That(lines, Does.Contain("[INFO] Streaming to 3 receiver(s)...").And.EndWith("[INFO] Transfer complete.\n"));
        }
        finally
        {
            foreach (var r in receivers) await r.DisposeAsync();
            if (sender is not null) await sender.DisposeAsync();
        }
    }

    [TestCase("PUT")]
    [TestCase("POST")]
    [CancelAfter(20_000)]
    public async Task Put_and_post_both_send_a_chunked_stdin_body(string method, CancellationToken ct)
    {
        var path = NewPath();
        await using var receiver = CurlProcess.Start([Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);
        await using var sender = CurlProcess.Start(["-X", method, "-T", "-", Url(path)], stdin: true);
        await sender.Input.WriteAsync("line one\nline two\n"u8.ToArray(), ct);
        sender.Input.Close();
        Assert.That(await receiver.ReadToEndAsync(ct), Is.EqualTo("line one\nline two\n"));
        Assert.That(await sender.ReadToEndAsync(ct), Does.EndWith("[INFO] Transfer complete.\n"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_path_is_reusable_at_once_after_a_transfer(CancellationToken ct)
    {
        var path = NewPath();
        for (var round = 0; round < 3; round++)
        {
            var receive = Client.GetStringAsync(Url(path), ct);
            await WaitForReceiversAsync(path, 1, ct);
            using var send = await Client.PutAsync(Url(path), new StringContent($"round {round}"), ct);
            Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await receive, Is.EqualTo($"round {round}"));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Parallel_paths_do_not_mix(CancellationToken ct)
    {
        var paths = Enumerable.Range(0, 8).Select(_ => NewPath()).ToList();
        var receives = paths.Select(p => Client.GetStringAsync(Url(p), ct)).ToList();
        var sends = paths.Select(async p =>
        {
            using var response = await Client.PostAsync(Url(p), new StringContent("body of " + p), ct);
            return response.StatusCode;
        }).ToList();
        Assert.That(await Task.WhenAll(sends), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await Task.WhenAll(receives), Is.EqualTo(paths.Select(p => "body of " + p).ToArray()));
    }

    [Test, CancelAfter(30_000)]
    public async Task Each_single_byte_write_reaches_the_receiver_before_the_next_is_sent(CancellationToken ct)
    {
        var path = NewPath();
        var receive = Client.GetAsync(Url(path), HttpCompletionOption.ResponseHeadersRead, ct);
        await WaitForReceiversAsync(path, 1, ct);
        var body = new StepContent();
        var send = Client.PostAsync(Url(path), body, ct);
        body.Next.Release(); // HttpClient sends the request headers with the first body bytes
        using var response = await receive;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var one = new byte[1];
        for (var i = 0; i < 256; i++)
        {
            if (i > 0) body.Next.Release();
            Assert.That(await stream.ReadAsync(one, ct), Is.EqualTo(1));
            Assert.That(one[0], Is.EqualTo((byte)i));
        }

        body.Next.Release();
        Assert.That(await stream.ReadAsync(one, ct), Is.Zero);
        using var sent = await send;
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(30_000)]
    public async Task Expect_100_continue_is_answered_by_the_server_not_by_curl_giving_up(CancellationToken ct)
    {
        var path = NewPath();
        await using var receiver = CurlProcess.Start([Url(path), "-o", "/dev/null"]);
        await WaitForReceiversAsync(path, 1, ct);
        var file = TempFile(Bytes(100_000));
        await using var sender = CurlProcess.Start(["-v", "-T", file, Url(path), "-o", "/dev/null"]);
        var (code, stderr) = await sender.ExitAsync(ct);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stderr, Does.Contain("Expect: 100-continue").And.Contain("HTTP/1.1 100 Continue"));
        Assert.That(stderr, Does.Not.Contain("Done waiting for 100-continue"));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_rate_limited_sender_and_a_rate_limited_receiver_get_every_byte(CancellationToken ct)
    {
        var path = NewPath();
        var data = Bytes(1_500_000, seed: 5);
        await using var receiver = CurlProcess.Start(["--limit-rate", "1500k", Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);
        await using var sender = CurlProcess.Start(["--limit-rate", "1M", "-T", TempFile(data), Url(path)]);
        Assert.That(await receiver.HashOutputAsync(ct), Is.EqualTo((data.LongLength, Sha256(data))));
        Assert.That(await sender.ReadToEndAsync(ct), Does.EndWith("[INFO] Transfer complete.\n"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Http_1_0_sender_and_receiver_work(CancellationToken ct)
    {
        var path = NewPath();
        await using var receiver = CurlProcess.Start(["--http1.0", Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);
        var file = TempFile("over HTTP/1.0\n"u8.ToArray());
        await using var sender = CurlProcess.Start(["--http1.0", "-T", file, Url(path)]);
        Assert.That(await receiver.ReadToEndAsync(ct), Is.EqualTo("over HTTP/1.0\n"));
        Assert.That(await sender.ReadToEndAsync(ct), Does.EndWith("[INFO] Transfer complete.\n"));
    }

    /// <summary>A request body written one byte at a time, each when the test releases it.</summary>
    private sealed class StepContent : HttpContent
    {
        public SemaphoreSlim Next { get; } = new(0);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            for (var i = 0; i < 256; i++)
            {
                await Next.WaitAsync(cancellationToken);
                await stream.WriteAsync(new[] { (byte)i }, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            await Next.WaitAsync(cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Next.Dispose();
            base.Dispose(disposing);
        }
    }
}
