using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using HoodyKit.Core.Auth;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Modules;
using HoodyKit.Terminal.Sessions;
using Microsoft.Extensions.Hosting;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// <c>GET /api/v1/terminal/ws</c>: ttyd's protocol (subprotocol <c>tty</c>, one opcode byte per message).
/// Everything is validated before the upgrade, so a bad request gets a JSON error, not a dropped socket.
/// </summary>
internal static partial class WebSocketEndpoint
{
    private const int MaxMessageBytes = 1024 * 1024;

    public static RouteGroupBuilder MapTerminalWebSocket(this RouteGroupBuilder api)
    {
        // Authenticates itself: a token may also come in the first frame (browsers cannot set WebSocket headers).
        api.MapGet("/ws", ConnectAsync).WithMetadata(new KitModuleMetadata("terminal", Anonymous: true));
        return api;
    }

    private static async Task<IResult> ConnectAsync(HttpContext context, TerminalSessions sessions, TokenValidator tokens, ILoggerFactory loggers,
        IHostApplicationLifetime lifetime)
    {
        var presented = TokenValidator.Presented(context.Request);
        if (tokens.IsConfigured && presented is not null && !tokens.Matches(presented)) return ApiErrors.Unauthorized();
        if (!context.WebSockets.IsWebSocketRequest) return TerminalErrors.InvalidParameters("A WebSocket upgrade is expected");
        var query = context.Request.Query;
        int? id = null;
        if (query.TryGetValue("terminal_id", out var rawId) && rawId.ToString().Length > 0)
        {
            if (!TerminalId.TryParse(rawId.ToString(), out var parsed)) return TerminalErrors.InvalidTerminalId();
            id = parsed;
        }

        if (!QueryArgs.TryBuildSpec(query, out var spec, out var problem)) return TerminalErrors.InvalidParameters(problem!);
        // pid (attach) implies reset: the session's process becomes the monitor of that pid
        var outcome = sessions.GetOrCreate(id, spec, reset: QueryArgs.Flag(query, "reset") || spec.AttachPid is not null);
        if (outcome.Session is not { } session)
            return outcome.SpawnFailed ? TerminalErrors.SpawnFailed(outcome.Problem!) : TerminalErrors.InvalidParameters(outcome.Problem!);

        var subProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains("tty") ? "tty" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = subProtocol,
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
        // A stopping host drops its sockets at once (clients see an abnormal close and reconnect) instead of
        // holding its shutdown until the sockets time out.
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = connection.Token;
        byte[]? first = null;
        if (tokens.IsConfigured && presented is null)
        {
            first = await ReceiveFirstAsync(socket, ct);
            if (first is null || !tokens.Matches(FirstFrameToken(first)))
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "authentication required", ct);
                return Results.Empty;
            }
        }

        var client = session.Attach(QueryArgs.Flag(query, "readonly"));
        if (first is not null) Dispatch(first, session, client);
        var logger = loggers.CreateLogger("HoodyKit.Terminal.WebSocket");
        var sending = SendAsync(socket, client, ct);
        try
        {
            await ReceiveAsync(socket, session, client, ct);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            LogClientGone(logger, session.Id, ex.Message);
        }
        finally
        {
            session.Detach(client);
        }

        await sending;
        return Results.Empty;
    }

    private static async Task SendAsync(WebSocket socket, SessionClient client, CancellationToken ct)
    {
        try
        {
            await foreach (var frame in client.Output.ReadAllAsync(ct))
            {
                await client.WaitWhilePausedAsync(ct);
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, ct);
                client.Sent(frame.Length);
            }

            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session ended", ct);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the client went away; the receive side notices and detaches it
        }
    }

    private static async Task ReceiveAsync(WebSocket socket, TerminalSession session, SessionClient client, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (message.WrittenCount > MaxMessageBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", ct);
                    return;
                }

                if (!result.EndOfMessage) continue;
                Dispatch(message.WrittenSpan, session, client);
                message.ResetWrittenCount();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The first message, within 10 s; null when none came.</summary>
    private static async Task<byte[]?> ReceiveFirstAsync(WebSocket socket, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage) return message.WrittenSpan.ToArray();
                if (message.WrittenCount > 64 * 1024) return null;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary><c>token</c> (the SDK) or <c>AuthToken</c> (ttyd) from a JSON_DATA first frame.</summary>
    private static string? FirstFrameToken(byte[] frame)
    {
        if (frame.Length == 0 || frame[0] != TtyFrames.JsonData) return null;
        try
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            foreach (var name in new[] { "token", "AuthToken" })
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString();
            return null;
        }
        catch (JsonException)
        {
            return null; // not JSON: no token
        }
    }

    /// <summary>Acts on one client message by its opcode; unknown opcodes are ignored.</summary>
    private static void Dispatch(ReadOnlySpan<byte> message, TerminalSession session, SessionClient client)
    {
        if (message.IsEmpty) return;
        switch (message[0])
        {
            case TtyFrames.Input when !client.ReadOnly:
                session.Write(message[1..]);
                break;
            case TtyFrames.Resize when !client.ReadOnly:
                if (ReadSize(message[1..]) is { } size) session.Resize(size.Columns, size.Rows, client);
                break;
            case TtyFrames.JsonData when !client.ReadOnly:
                if (ReadSize(message) is { } initial) session.Resize(initial.Columns, initial.Rows, client);
                break;
            case TtyFrames.Pause:
                client.Pause();
                break;
            case TtyFrames.Resume:
                client.Resume();
                break;
        }
    }

    /// <summary><c>{"columns":C,"rows":R,…}</c>; null when either is missing or not a number.</summary>
    private static (int Columns, int Rows)? ReadSize(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("columns", out var c) && c.TryGetInt32(out var columns)
                   && root.TryGetProperty("rows", out var r) && r.TryGetInt32(out var rows)
                ? (columns, rows)
                : null;
        }
        catch (JsonException)
        {
            return null; // a malformed resize is ignored, as ttyd does
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Terminal {TerminalId}: client disconnected ({Reason})")]
    private static partial void LogClientGone(ILogger logger, int terminalId, string reason);
}
