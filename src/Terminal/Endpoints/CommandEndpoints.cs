using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Integration;
using HoodyKit.Terminal.Commands;
using HoodyKit.Terminal.Models;
using HoodyKit.Terminal.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>execute, result, abort, write and history.</summary>
internal static class CommandEndpoints
{
    public static RouteGroupBuilder MapCommandEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/execute", Execute);
        api.MapGet("/result/{command_id}", Result);
        api.MapPost("/execute/{command_id}/abort", Abort);
        api.MapPost("/write", Write);
        api.MapGet("/history/{terminal_id}", History);
        return api;
    }

    private static async Task<Results<Ok<CommandReply>, ApiError>> Execute(HttpContext context, CommandRunner runner,
        TerminalSessions sessions, IDisplayReadiness displays,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        body ??= [];
        var query = context.Request.Query;
        if (body["command"] is not JsonValue c || c.GetValueKind() != JsonValueKind.String || c.GetValue<string>().Length == 0)
            return ApiErrors.BadRequest("VALIDATION_ERROR", "command is required");
        int? terminalId = null;
        if (QueryArgs.Value(query, "terminal_id") is { } rawId && rawId != "0")
        {
            if (!TerminalId.TryParse(rawId, out var parsed)) return TerminalErrors.InvalidTerminalId();
            terminalId = parsed;
        }

        int? commandId = null;
        if (JsonArgs.Text(body["id"]) is { } rawCommandId)
        {
            if (!CommandIds.TryParse(rawCommandId, out var parsed)) return ApiErrors.BadRequest("VALIDATION_ERROR", "id must be numeric 1-65535");
            commandId = parsed;
        }

        var timeoutSeconds = JsonArgs.Text(body["timeout"]) is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        if (timeoutSeconds is < 0 or > 86_400) return ApiErrors.BadRequest("VALIDATION_ERROR", "timeout must be between 0 and 86400 seconds");
        if (!QueryArgs.TryBuildSpec(query, out var spec, out var problem)) return TerminalErrors.InvalidParameters(problem!);
        var environment = body["env"] is JsonObject env
            ? env.Where(p => JsonArgs.Text(p.Value) is not null).ToDictionary(p => p.Key, p => JsonArgs.Text(p.Value)!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
        if (environment.Keys.FirstOrDefault(k => k.Length == 0 || !k.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')) is { } badKey)
            return ApiErrors.BadRequest("VALIDATION_ERROR", $"env name '{badKey}' is not a valid variable name");

        var request = new ExecuteRequest(c.GetValue<string>(), terminalId, commandId, QueryArgs.Flag(query, "ephemeral"), QueryArgs.Flag(query, "reset"),
            body["wait"]?.GetValueKind() != JsonValueKind.False, TimeSpan.FromSeconds(timeoutSeconds), JsonArgs.Text(body["cwd"]), environment, spec);
        // a display-bound session waits (≤ 10 s) for its display first, unless skip_display_wait; never an ephemeral one
        var display = spec.Display ?? sessions.Find(terminalId ?? 1)?.Spec.Display;
        if (!request.Ephemeral && !QueryArgs.Flag(query, "skip_display_wait") && DisplayWait.Number(display) is { } number)
        {
            var limit = QueryArgs.Value(query, "display_wait_timeout") is { } w && int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sec) ? sec : (int?)null;
            await displays.WaitAsync(number, DisplayWait.Timeout(limit, fallback: 10, cap: 10), ct);
        }

        var outcome = await runner.ExecuteAsync(request, ct);
        if (outcome.Run is { } run) return TypedResults.Ok(CommandReply.From(run.Snapshot()));
        if (outcome.Conflict) return ApiErrors.Conflict("COMMAND_ID_IN_USE", outcome.Problem!);
        return outcome.SpawnFailed ? TerminalErrors.SpawnFailed(outcome.Problem!) : TerminalErrors.InvalidParameters(outcome.Problem!);
    }

    private static Results<Ok<CommandReply>, ApiError> Result(string command_id, CommandResults results) =>
        CommandIds.TryParse(command_id, out var id) && results.Find(id) is { } run
            ? TypedResults.Ok(CommandReply.From(run.Snapshot()))
            : ApiErrors.NotFound("COMMAND_NOT_FOUND", "Command not found");

    private static async Task<Results<Ok<CommandReply>, ApiError>> Abort(string command_id, CommandRunner runner, CommandResults results,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body)
    {
        if (!CommandIds.TryParse(command_id, out var id) || results.Find(id) is not { } existing)
            return ApiErrors.NotFound("COMMAND_NOT_FOUND", "Command not found");
        if (existing.IsFinished)
            return new ApiError(StatusCodes.Status409Conflict, "COMMAND_FINISHED", $"Command {id} already finished with status {existing.Snapshot().Status}");
        var run = await runner.AbortAsync(id, body?["force"]?.GetValueKind() == JsonValueKind.True);
        return TypedResults.Ok(CommandReply.From(run!.Snapshot()));
    }

    private static Results<Ok<WriteReply>, ApiError> Write(HttpContext context, TerminalSessions sessions,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body)
    {
        if (!TerminalId.TryParse(QueryArgs.Value(context.Request.Query, "terminal_id"), out var id)) return TerminalErrors.InvalidTerminalId();
        if (body?["input"] is not JsonValue input || input.GetValueKind() != JsonValueKind.String)
            return ApiErrors.BadRequest("VALIDATION_ERROR", "input is required");
        if (sessions.Find(id) is not { } session) return TerminalErrors.SessionNotFound();
        var text = input.GetValue<string>() + (body["enter"]?.GetValueKind() == JsonValueKind.False ? "" : "\r");
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!session.Write(bytes)) return ApiErrors.Conflict("NO_PROCESS", "The terminal's process has exited");
        return TypedResults.Ok(new WriteReply("ok", bytes.Length));
    }

    private static Results<Ok<HistoryReply>, ApiError> History(string terminal_id, TerminalSessions sessions, CommandResults results)
    {
        if (!TerminalId.TryParse(terminal_id, out var id)) return TerminalErrors.InvalidTerminalId();
        if (sessions.Find(id) is null && results.ForTerminal(id).Count == 0) return TerminalErrors.SessionNotFound();
        return TypedResults.Ok(new HistoryReply(id, [.. results.ForTerminal(id).Select(r => CommandReply.From(r.Snapshot()))]));
    }

}
