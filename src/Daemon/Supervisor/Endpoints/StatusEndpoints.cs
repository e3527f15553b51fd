using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
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

    private static Ok<StatusListResponse> GetAll(BuiltInPrograms programs) =>
        TypedResults.Ok(new StatusListResponse(true,
            [.. programs.List().Select(p => new StatusEntry(p.Id, p.Name, programs.IsEnabled(p), programs.Status(p)))]));

    private static Results<Ok<StatusResponse>, ApiError> GetOne(int id, BuiltInPrograms programs) =>
        programs.Find(id) is { } program
            ? TypedResults.Ok(new StatusResponse(true, programs.Status(program)))
            : DaemonErrors.ProgramNotFound(id);
}
