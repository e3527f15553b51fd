using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class ProgramEndpoints
{
    public static RouteGroupBuilder MapProgramEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/programs", ListPrograms);
        api.MapGet("/programs/{id:int}", GetProgram);
        return api;
    }

    private static Results<Ok<ProgramListResponse>, ApiError> ListPrograms(BuiltInPrograms programs,
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

        var status = withStatus == true || withStats == true;
        var byPort = port.HasValue || port_from.HasValue;
        var list = programs.List()
            .Select(p => programs.View(p, status))
            .Where(p => kit is null || p.HoodyKit == kit)
            .Where(p => lazy is null || p.LazyLoad == lazy)
            .Where(p => isEnabled is null || p.Enabled == isEnabled)
            .Where(p => atBoot is null || p.Boot == atBoot)
            .Where(_ => !byPort) // built-in modules have no port range
            .ToList();
        return TypedResults.Ok(new ProgramListResponse(list));
    }

    private static Results<Ok<ProgramResponse>, ApiError> GetProgram(int id, BuiltInPrograms programs) =>
        programs.Find(id) is { } program
            ? TypedResults.Ok(new ProgramResponse(true, programs.View(program, includeStatus: false)))
            : DaemonErrors.ProgramNotFound(id);
}
