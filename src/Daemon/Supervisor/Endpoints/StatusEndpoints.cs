using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Programs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetAll);
        api.MapGet("/status/{id:int}", GetOne);
        return api;
    }

    private static Ok<StatusListResponse> GetAll(ProgramViews views) =>
        TypedResults.Ok(new StatusListResponse(true,
            [.. views.All(includeStatus: true, includeStats: false).Select(p => new StatusEntry(p.Id, p.Name, p.Enabled, p.Status!))]));

    private static Results<Ok<StatusResponse>, ApiError> GetOne(int id, ProgramViews views, ProgramStore store, int? port, string? include_stats)
    {
        if (!QueryFlag.TryParse(include_stats, "include_stats", out var withStats, out var error)) return error!;
        if (port is < 1 or > 65535) return DaemonErrors.From(Failure.BadRequest("Port must be between 1 and 65535"));
        if (store.Find(id) is { } program)
        {
            return TypedResults.Ok(new StatusResponse(true, views.Status(program, port),
                withStats == true ? views.Stats(program, port) : null));
        }

        return views.Find(id, includeStatus: true) is { Status: { } status }
            ? TypedResults.Ok(new StatusResponse(true, status, null))
            : DaemonErrors.From(Failure.ProgramNotFound(id));
    }
}
