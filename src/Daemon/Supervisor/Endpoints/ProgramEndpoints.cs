using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Programs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class ProgramEndpoints
{
    public static RouteGroupBuilder MapProgramEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/programs", ListPrograms);
        api.MapGet("/programs/{id:int}", GetProgram);
        api.MapPost("/programs/add", AddProgram);
        api.MapPost("/programs/edit/{id:int}", EditProgram);
        api.MapPost("/programs/remove/{id:int}", RemoveProgram);
        api.MapPost("/programs/reset", ResetPrograms);
        return api;
    }

    private static Results<Ok<ProgramListResponse>, ApiError> ListPrograms(ProgramViews views,
        string? hoody_kit, string? lazy_load, string? enabled, string? boot, string? include_status, string? include_stats,
        int? port, int? port_from, int? port_to)
    {
        if (!QueryFlag.TryParse(hoody_kit, "hoody_kit", out var kit, out var error)
            || !QueryFlag.TryParse(lazy_load, "lazy_load", out var lazy, out error)
            || !QueryFlag.TryParse(enabled, "enabled", out var isEnabled, out error)
            || !QueryFlag.TryParse(boot, "boot", out var atBoot, out error)
            || !QueryFlag.TryParse(include_status, "include_status", out var withStatus, out error)
            || !QueryFlag.TryParse(include_stats, "include_stats", out var withStats, out error))
            return error!;
        if (port_from.HasValue != port_to.HasValue)
            return ApiErrors.BadRequest("INVALID_QUERY", "port_from and port_to must be given together");

        var list = views.All(withStatus == true || withStats == true, withStats == true)
            .Where(p => kit is null || p.HoodyKit == kit)
            .Where(p => lazy is null || p.LazyLoad == lazy)
            .Where(p => isEnabled is null || p.Enabled == isEnabled)
            .Where(p => atBoot is null || p.Boot == atBoot)
            .Where(p => port is null || p.PortRange?.Contains(port.Value) == true)
            .Where(p => port_from is null || p.PortRange?.Overlaps(port_from.Value, port_to!.Value) == true)
            .ToList();
        return TypedResults.Ok(new ProgramListResponse(list));
    }

    private static Results<Ok<ProgramResponse>, ApiError> GetProgram(int id, ProgramViews views) =>
        views.Find(id) is { } program
            ? TypedResults.Ok(new ProgramResponse(true, program))
            : DaemonErrors.From(Failure.ProgramNotFound(id));

    private static async Task<Results<Ok<AddProgramResponse>, ApiError>> AddProgram(ProgramCatalog catalog,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        var outcome = await catalog.AddAsync(body ?? [], ct);
        return outcome.Failure is { } failure
            ? DaemonErrors.From(failure)
            : TypedResults.Ok(new AddProgramResponse(true, outcome.Value!.Id, outcome.Value));
    }

    private static async Task<Results<Ok<ProgramResponse>, ApiError>> EditProgram(int id, ProgramCatalog catalog,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        var outcome = await catalog.EditAsync(id, body ?? [], ct);
        return outcome.Failure is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(new ProgramResponse(true, outcome.Value!));
    }

    private static async Task<Results<Ok<RemoveProgramResponse>, ApiError>> RemoveProgram(int id, ProgramCatalog catalog, CancellationToken ct)
    {
        var outcome = await catalog.RemoveAsync(id, ct);
        return outcome.Failure is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(new RemoveProgramResponse(true, outcome.Value));
    }

    private static async Task<Results<Ok<SuccessResponse>, ApiError>> ResetPrograms(ProgramCatalog catalog, CancellationToken ct) =>
        await catalog.ResetAsync(ct) is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(new SuccessResponse(true));
}
