using System.Net;
using HoodyKit.ApiTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.ApiTests.Pipe;

/// <summary>The caps (429) on a host with small ones, and the pending-pipe timeout on a host with a fake clock.</summary>
public sealed class PipeLimitTests : PipeHostFixture
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private protected override KitHostOptions HostOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Pipe:MaxPending"] = "2", ["Pipe:MaxActive"] = "1" },
        ConfigureServices = services => services.AddKeyedSingleton<TimeProvider>(HoodyKit.Pipe.PipeModule.ClockKey, _time),
    };

    [Test, CancelAfter(20_000)]
    public async Task Pending_pipes_beyond_the_cap_are_429_and_active_transfers_too(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (a, b) = (NewPath(), NewPath());
        var waitingA = Client.GetAsync(Url(a), HttpCompletionOption.ResponseHeadersRead, stop.Token);
        var waitingB = Client.GetAsync(Url(b), HttpCompletionOption.ResponseHeadersRead, stop.Token);
        await WaitForReceiversAsync(a, 1, ct);
        await WaitForReceiversAsync(b, 1, ct);
        using (var third = await Client.GetAsync(Url(NewPath()), ct))
            await PipeRefusalTests.AssertErrorAsync(third, HttpStatusCode.TooManyRequests, "[ERROR] Too many pending transfers. Try again later.\n", ct);

        await using var longSender = CurlProcess.Start(["-T", "-", Url(a)], stdin: true);
        using var streaming = await waitingA;
        using (var second = await Client.PostAsync(Url(b), new StringContent("x"), ct))
            await PipeRefusalTests.AssertErrorAsync(second, HttpStatusCode.TooManyRequests, "[ERROR] Too many active transfers. Try again later.\n", ct);
        longSender.Input.Close();
        Assert.That(await longSender.ReadToEndAsync(ct), Does.EndWith("[INFO] Transfer complete.\n"));
        await stop.CancelAsync();
        Assert.That(async () => await waitingB, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test, CancelAfter(20_000)]
    public async Task Unmatched_parties_time_out_after_the_pending_ttl(CancellationToken ct)
    {
        var (lonelyReceiver, lonelySender) = (NewPath(), NewPath());
        var receive = Client.GetAsync(Url(lonelyReceiver), ct);
        // A raw socket, not curl or HttpClient: curl reads no response while it waits on an empty stdin, and HttpClient
        // returns no response before its request body is complete.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(Host.BaseAddress.Host, Host.BaseAddress.Port, ct);
        var stream = socket.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /api/v1/pipe{lonelySender} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n"), ct);
        await WaitForReceiversAsync(lonelyReceiver, 1, ct);
        await WaitForSenderAsync(lonelySender, ct);
        Assert.That(await ReadUntilAsync(stream, "connect...\n", ct), Does.EndWith("[INFO] Waiting for 1 receiver(s) to connect...\n"));

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.That(receive.IsCompleted, Is.False, "not before five minutes");
        _time.Advance(TimeSpan.FromMinutes(1));
        using var response = await receive;
        await PipeRefusalTests.AssertErrorAsync(response, HttpStatusCode.RequestTimeout, "[ERROR] Timed out waiting for sender.\n", ct);
        Assert.That(await ReadUntilAsync(stream, "receiver(s).\n", ct), Does.EndWith("[ERROR] Timed out waiting for receiver(s).\n"));
        Assert.That(await ReadUntilAsync(stream, "0\r\n\r\n", ct), Does.EndWith("\r\n0\r\n\r\n"), "the response ends cleanly");
        _time.Advance(TimeSpan.FromSeconds(2)); // the sender's grace period: then its connection is cut
        Assert.That(await ClosedAsync(stream, ct), Is.True);
        await WaitForAsync(lonelySender, s => s.State == HoodyKit.Pipe.Engine.TransferState.Idle, ct);
    }

    /// <summary>True once the peer closes or resets the connection.</summary>
    private static async Task<bool> ClosedAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            return await stream.ReadAsync(new byte[1], ct) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Reads from the socket until the text received so far ends with <paramref name="end"/>, or the connection closes.</summary>
    private static async Task<string> ReadUntilAsync(Stream stream, string end, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal) && await stream.ReadAsync(buffer, ct) > 0)
            text.Append((char)buffer[0]);
        return text.ToString();
    }
}
