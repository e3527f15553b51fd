using System.Net;
using System.Net.WebSockets;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>With a token configured, a WebSocket authenticates by header, query, or its first JSON_DATA frame.</summary>
public sealed class TerminalAuthTests
{
    private const string Token = "ws-token";
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-auth-home-").FullName;
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None, Token);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(20_000)]
    public async Task Query_token_opens_the_socket(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, $"terminal_id=51&token={Token}&env=HOME={s_home}", ct);
        await tty.SendInputAsync("echo via-query\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("via-query\r\n", ct), Is.True);
    }

    [Test, CancelAfter(20_000)]
    public async Task First_frame_token_opens_the_socket_as_the_sdk_sends_it(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, $"terminal_id=52&env=HOME={s_home}", ct);
        await tty.SendAsync('{', $$"""{"command":"{","columns":100,"rows":30,"token":"{{Token}}"}"""[1..], WebSocketMessageType.Text, ct);
        await tty.SendInputAsync("echo via-frame-$(tput cols)\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("via-frame-100", ct), Is.True, tty.Output);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_wrong_first_frame_token_closes_with_policy_violation(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, $"terminal_id=53&env=HOME={s_home}", ct);
        await tty.SendAsync('{', """ "AuthToken":"nope","columns":80,"rows":24}""", WebSocketMessageType.Text, ct);
        Assert.That(await tty.ReadUntilAsync(_ => false, ct), Is.False);
        Assert.That(tty.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_wrong_query_token_is_401_before_the_upgrade(CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(_host.BaseAddress) { Scheme = "ws", Path = "/api/v1/terminal/ws", Query = "terminal_id=54&token=wrong" }.Uri;
        Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, ct));
        Assert.That(socket.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
