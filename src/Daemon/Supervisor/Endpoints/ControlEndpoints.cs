using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.Running;
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

    private static async Task<Results<Ok<StartResponse>, ApiError>> Start(int id, ProgramControl control,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StartRequest? request, CancellationToken ct)
    {
        if (request?.Timeout is < 1 or > 300) return DaemonErrors.From(Failure.BadRequest("Field 'timeout' must be between 1 and 300"));
        if (request?.Port is < 1 or > 65535) return DaemonErrors.From(Failure.BadRequest("Port must be between 1 and 65535"));
        var options = new StartOptions(request?.Wait == true, TimeSpan.FromSeconds(request?.Timeout ?? 30), request?.IfNotRunning == true);
        var outcome = await control.StartAsync(id, request?.Port, options, ct);
        return outcome.Failure is { } failure
            ? DaemonErrors.From(failure)
            : TypedResults.Ok(new StartResponse(true, outcome.Value!.Instance, outcome.Value.AlreadyRunning));
    }

    private static async Task<Results<Ok<SuccessResponse>, ApiError>> Stop(int id, ProgramControl control,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StopRequest? request) =>
        await control.StopAsync(id, request?.Port, request?.All == true) is { } failure
            ? DaemonErrors.From(failure)
            : TypedResults.Ok(new SuccessResponse(true));

    private static async Task<Results<Ok<ProgramResponse>, ApiError>> Enable(int id, ProgramControl control, CancellationToken ct)
    {
        var outcome = await control.EnableAsync(id, ct);
        return outcome.Failure is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(new ProgramResponse(true, outcome.Value!));
    }

    private static async Task<Results<Ok<ProgramResponse>, ApiError>> Disable(int id, ProgramControl control, CancellationToken ct)
    {
        var outcome = await control.DisableAsync(id, ct);
        return outcome.Failure is { } failure ? DaemonErrors.From(failure) : TypedResults.Ok(new ProgramResponse(true, outcome.Value!));
    }
}
