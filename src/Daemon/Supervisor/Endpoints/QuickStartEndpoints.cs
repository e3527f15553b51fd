using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Logs;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.QuickStart;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class QuickStartEndpoints
{
    public static RouteGroupBuilder MapQuickStartEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/quick-start", List);
        api.MapPost("/quick-start", Launch);
        api.MapGet("/quick-start/{id}/status", Status);
        api.MapGet("/quick-start/{id}/logs", Logs);
        api.MapPost("/quick-start/{id}/stop", Stop);
        return api;
    }

    private static Ok<QuickStartListReply> List(QuickStarts quickStarts)
    {
        var list = quickStarts.List();
        return TypedResults.Ok(new QuickStartListReply(true, list.Count, list));
    }

    private static async Task<Results<Ok<QuickStartReply>, ApiError>> Launch(QuickStarts quickStarts,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        var outcome = await quickStarts.LaunchAsync(body ?? [], ct);
        return outcome.Failure is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(outcome.Value!);
    }

    private static Results<Ok<QuickStartReply>, ApiError> Status(string id, QuickStarts quickStarts) =>
        quickStarts.Status(id) is { } reply ? TypedResults.Ok(reply) : NotFound(id);

    private static async Task<Results<Ok<LogReply>, ApiError>> Logs(string id, QuickStarts quickStarts, string? type, int? lines,
        CancellationToken ct)
    {
        if (type is not (null or "stdout" or "stderr"))
            return DaemonErrors.From(Failure.BadRequest("Invalid 'type' value: must be 'stdout' or 'stderr'"));
        var count = ProgramLogs.CheckLines(lines);
        if (count.Failure is { } badLines) return DaemonErrors.From(badLines);
        if (quickStarts.Logs(id) is not { } logs) return NotFound(id);
        if (!logs.Enabled) return DaemonErrors.From(Failure.BadRequest("Logging is disabled for this program"));
        return TypedResults.Ok(await ProgramLogs.ReadAsync(type == "stderr" ? logs.Stderr : logs.Stdout, type ?? "stdout", count.Value, ct));
    }

    private static async Task<Results<Ok<QuickStartStopReply>, ApiError>> Stop(string id, QuickStarts quickStarts) =>
        await quickStarts.StopAsync(id)
            ? TypedResults.Ok(new QuickStartStopReply(true, id, true, "Program stopped and configuration removed"))
            : NotFound(id);

    private static ApiError NotFound(string id) =>
        DaemonErrors.From(new Failure(FailureKind.NotFound, $"Ephemeral program with ID {id} not found"));
}
