using System.Net.WebSockets;
using System.Text;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>A real WebSocket client speaking ttyd's framing to <c>/api/v1/terminal/ws</c>.</summary>
internal sealed class TtyClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _output = new();
    private readonly List<(char Opcode, string Payload)> _frames = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<TtyClient> ConnectAsync(Uri baseAddress, string query, CancellationToken ct)
    {
        var client = new TtyClient();
        client._socket.Options.AddSubProtocol("tty");
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/v1/terminal/ws", Query = query }.Uri;
        await client._socket.ConnectAsync(uri, ct);
        return client;
    }

    public string? SubProtocol => _socket.SubProtocol;

    public WebSocketState State => _socket.State;

    /// <summary>Everything received as OUTPUT so far, as text.</summary>
    public string Output => _output.ToString();

    public IReadOnlyList<(char Opcode, string Payload)> Frames => _frames;

    public Task SendInputAsync(string text, CancellationToken ct) => SendAsync('0', text, WebSocketMessageType.Binary, ct);

    /// <summary>As the SDK sends it: a text frame, '1' then JSON.</summary>
    public Task SendResizeAsync(int columns, int rows, CancellationToken ct) =>
        SendAsync('1', $"{{\"command\":\"1\",\"columns\":{columns},\"rows\":{rows}}}", WebSocketMessageType.Text, ct);

    public Task SendAsync(char opcode, string payload, WebSocketMessageType type, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(opcode + payload), type, true, ct);

    /// <summary>Reads frames until the OUTPUT text satisfies <paramref name="done"/>; false if the socket closed first.</summary>
    public async Task<bool> ReadUntilAsync(Func<string, bool> done, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!done(Output))
        {
            if (_socket.State != WebSocketState.Open) return false;
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return false;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var bytes = message.ToArray();
            message.SetLength(0);
            if (bytes.Length == 0) continue;
            var payload = Encoding.UTF8.GetString(bytes, 1, bytes.Length - 1);
            _frames.Add(((char)bytes[0], payload));
            if (bytes[0] == (byte)'0') _output.Append(payload);
        }

        return true;
    }

    public Task<bool> ReadUntilContainsAsync(string text, CancellationToken ct) => ReadUntilAsync(o => o.Contains(text, StringComparison.Ordinal), ct);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // the server closed first
            }
        }

        _socket.Dispose();
    }
}
