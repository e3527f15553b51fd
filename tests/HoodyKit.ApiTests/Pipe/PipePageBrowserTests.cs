using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>The send page in headless Chromium (web/test/pipe-upload.mjs): a file uploaded from the page, received with curl.</summary>
public sealed class PipePageBrowserTests : PipeHostFixture
{
    [Test, CancelAfter(120_000)]
    public async Task A_file_sent_from_the_page_arrives_byte_identical_at_curl(CancellationToken ct)
    {
        BrowserScript.Require();
        var data = Bytes(3 << 20, seed: 11);
        var file = TempFile(data);
        var path = NewPath();
        await using var receiver = CurlProcess.Start(["-D", "/dev/stderr", Url(path)]);
        await WaitForReceiversAsync(path, 1, ct);

        var received = receiver.HashOutputAsync(ct);
        var (exitCode, output) = await BrowserScript.RunAsync("test/pipe-upload.mjs", [Url(""), path.TrimStart('/'), file], ct);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("\"state\":\"sent\"").And.Contain("[INFO] Transfer complete."));
        Assert.That(await received, Is.EqualTo((data.LongLength, Sha256(data))));
        var (_, headers) = await receiver.ExitAsync(ct);
        Assert.That(headers, Does.Contain($"Content-Disposition: attachment; filename=\"{Path.GetFileName(file)}\""));
    }
}
