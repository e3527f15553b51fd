using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Health;
using HoodyKit.Core.Integration;
using HoodyKit.Terminal.Models;
using HoodyKit.Terminal.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Terminal.Endpoints;

internal static partial class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/create", Create);
        api.MapGet("/sessions", List);
        api.MapDelete("/{terminal_id}", Delete);
        api.MapGet("/raw", Raw);
        api.MapPost("/state", (ILogger<TerminalModule> logger, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body) =>
        {
            LogBeacon(logger, body?["reason"]);
            return TypedResults.Ok(new StateReply("ok"));
        });
        return api;
    }

    private static async Task<Results<Ok<CreateSessionReply>, ApiError>> Create(TerminalSessions sessions, IDisplayReadiness displays,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        body ??= [];
        var ephemeral = body["ephemeral"]?.GetValueKind() == JsonValueKind.True;
        if (!TerminalId.TryParse(body["terminal_id"], out var id)) return TerminalErrors.InvalidTerminalId();
        if (id is null && !ephemeral) return ApiErrors.BadRequest("MISSING_TERMINAL_ID", "terminal_id field is required");
        if (ephemeral) id = null;
        var (ssh, sshProblem) = SshArgs.Read(name => JsonArgs.Text(body[name]));
        if (sshProblem is not null) return TerminalErrors.InvalidParameters(sshProblem);
        var spec = new SessionSpec
        {
            Shell = JsonArgs.Text(body["shell"]),
            User = JsonArgs.Text(body["user"]),
            WorkingDirectory = JsonArgs.Text(body["cwd"]),
            Display = NormalizeDisplay(JsonArgs.Text(body["display"])),
            Columns = JsonArgs.Integer(body["cols"]) ?? 80,
            Rows = JsonArgs.Integer(body["rows"]) ?? 24,
            Ephemeral = ephemeral,
            Environment = Environment(body["env"]),
            Ssh = ssh,
        };
        var (launched, launchProblem) = LaunchArgs.Apply(spec, name => JsonArgs.Text(body[name]), name => JsonArgs.Flag(body[name]));
        if (launchProblem is not null) return TerminalErrors.InvalidParameters(launchProblem);
        spec = launched;
        if (spec.Columns is < 1 or > 1000 || spec.Rows is < 1 or > 1000)
            return TerminalErrors.InvalidParameters("cols and rows must be between 1 and 1000");
        var reset = body["reset"]?.GetValueKind() == JsonValueKind.True;
        var outcome = sessions.GetOrCreate(id, spec, reset);
        if (outcome.Session is not { } session)
            return outcome.SpawnFailed ? TerminalErrors.SpawnFailed(outcome.Problem!) : TerminalErrors.InvalidParameters(outcome.Problem!);
        var reply = new CreateSessionReply(outcome.Created ? "created" : "exists", session.Id, session.Spec.Display,
            session.ShellType, session.Pid, session.Spec.Ephemeral);
        if (DisplayWait.Number(session.Spec.Display) is { } display && !session.Spec.Ephemeral && body["wait_until_display"]?.GetValueKind() != JsonValueKind.False)
        {
            var timeout = DisplayWait.Timeout(JsonArgs.Integer(body["wait_timeout"]), fallback: 300, cap: 300);
            var readiness = await displays.WaitAsync(display, timeout, ct);
            reply = reply with { DisplayReady = readiness == DisplayReadiness.Ready, DisplayStatus = DisplayWait.Status(readiness) };
        }

        return TypedResults.Ok(reply);
    }

    private static Ok<IReadOnlyList<SessionInfo>> List(TerminalSessions sessions) =>
        TypedResults.Ok<IReadOnlyList<SessionInfo>>([.. sessions.List().Select(s => new SessionInfo(
            s.Id, s.Id, s.Pid, s.IsRunning ? "running" : "exited", s.ExitCode, s.ShellType, WorkingDirectory(s.Pid),
            s.Columns, s.Rows, s.ClientCount, s.Spec.Ephemeral, s.Spec.Display, ProcessFacts.Iso(s.CreatedAt)))]);

    private static Results<Ok<DeleteSessionReply>, ApiError> Delete(string terminal_id, TerminalSessions sessions)
    {
        if (!TerminalId.TryParse(terminal_id, out var id)) return TerminalErrors.InvalidTerminalId();
        return sessions.Delete(id) ? TypedResults.Ok(new DeleteSessionReply("deleted", id)) : TerminalErrors.SessionNotFound();
    }

    /// <summary>The output buffer: download (bytes), text (escapes stripped, CRLF → LF) or html; <c>tail</c> keeps the last lines.</summary>
    private static IResult Raw(TerminalSessions sessions, string? terminal_id, string? format, int? tail)
    {
        if (!TerminalId.TryParse(terminal_id ?? "1", out var id)) return TerminalErrors.InvalidTerminalId();
        if (format is not (null or "download" or "text" or "html"))
            return TerminalErrors.InvalidParameters("format must be download, text or html");
        if (tail is < 0) return TerminalErrors.InvalidParameters("tail must not be negative");
        if (sessions.Find(id) is not { } session) return Results.Text("Terminal session not found", "text/plain", statusCode: StatusCodes.Status404NotFound);
        var bytes = session.Output.Snapshot();
        if (tail is > 0) bytes = LastLines(bytes, tail.Value);
        return format switch
        {
            "text" => Results.Text(Commands.TerminalText.Plain(bytes), "text/plain; charset=utf-8"),
            "html" => Results.Text(AnsiHtml.Convert(System.Text.Encoding.UTF8.GetString(bytes)), "text/html; charset=utf-8"),
            _ => Results.File(bytes, "application/octet-stream", $"terminal-{id}.log"),
        };
    }

    private static byte[] LastLines(byte[] bytes, int lines)
    {
        var end = bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes.Length - 1 : bytes.Length;
        var seen = 0;
        for (var i = end - 1; i >= 0; i--)
            if (bytes[i] == (byte)'\n' && ++seen == lines) return bytes[(i + 1)..];
        return bytes;
    }

    /// <summary><c>1</c>, <c>"1"</c> or <c>":1"</c> → <c>:1</c>.</summary>
    internal static string? NormalizeDisplay(string? display) =>
        string.IsNullOrWhiteSpace(display) ? null : display.StartsWith(':') ? display : ":" + display.Trim();


    /// <summary>HoodyKit extension: <c>"env":{"KEY":"value"}</c> adds to the shell's environment.</summary>
    private static Dictionary<string, string> Environment(JsonNode? node) =>
        node is JsonObject map
            ? map.Where(p => JsonArgs.Text(p.Value) is not null).ToDictionary(p => p.Key, p => JsonArgs.Text(p.Value)!, StringComparer.Ordinal)
            : [];


    private static string? WorkingDirectory(int? pid)
    {
        if (pid is null) return null;
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the shell exited, or is not ours to read
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client state beacon: {Reason}")]
    private static partial void LogBeacon(ILogger logger, JsonNode? reason);
}
