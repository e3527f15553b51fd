using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class ControlEndpoints
{
    public static RouteGroupBuilder MapControlEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/programs/{id:int}/start", Start);
        api.MapPost("/programs/{id:int}/stop", Stop);
        api.MapPost("/programs/{id:int}/enable", Enable);
        api.MapPost("/programs/{id:int}/disable", Disable);
        return api;
    }

    private static Results<Ok<StartResponse>, ApiError> Start(int id, BuiltInPrograms programs,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StartRequest? request)
    {
        if (programs.Find(id) is not { } program) return DaemonErrors.ProgramNotFound(id);
        var outcome = programs.Start(program);
        if (outcome == ControlOutcome.Disabled) return DaemonErrors.Disabled(program.Name);
        var already = outcome == ControlOutcome.AlreadyInState;
        if (already && request?.IfNotRunning != true) return DaemonErrors.AlreadyRunning(program.Name);
        var status = programs.Status(program);
        var instance = new StartInstance(status.Status, status.Pid, status.Uptime);
        return TypedResults.Ok(new StartResponse(true, instance, request?.IfNotRunning == true ? already : null));
    }

    private static Results<Ok<SuccessResponse>, ApiError> Stop(int id, BuiltInPrograms programs)
    {
        if (programs.Find(id) is not { } program) return DaemonErrors.ProgramNotFound(id);
        return programs.Stop(program) == ControlOutcome.Refused
            ? DaemonErrors.CannotStopSelf(program.Name)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    private static Results<Ok<ProgramResponse>, ApiError> Enable(int id, BuiltInPrograms programs)
    {
        if (programs.Find(id) is not { } program) return DaemonErrors.ProgramNotFound(id);
        programs.Enable(program);
        return TypedResults.Ok(new ProgramResponse(true, programs.View(program, includeStatus: false)));
    }

    private static Results<Ok<ProgramResponse>, ApiError> Disable(int id, BuiltInPrograms programs)
    {
        if (programs.Find(id) is not { } program) return DaemonErrors.ProgramNotFound(id);
        return programs.Disable(program) == ControlOutcome.Refused
            ? DaemonErrors.CannotStopSelf(program.Name)
            : TypedResults.Ok(new ProgramResponse(true, programs.View(program, includeStatus: false)));
    }
}
