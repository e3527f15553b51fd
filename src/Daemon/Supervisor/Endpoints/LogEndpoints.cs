using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Logs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

internal static class LogEndpoints
{
    public static RouteGroupBuilder MapLogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/programs/{id:int}/logs", GetLogs);
        return api;
    }

    private static async Task<Results<Ok<LogReply>, ApiError>> GetLogs(int id, ProgramLogs logs, string? type, int? lines, int? port,
        CancellationToken ct)
    {
        var count = ProgramLogs.CheckLines(lines);
        if (count.Failure is { } badLines) return DaemonErrors.From(badLines);
        var file = logs.Locate(id, type, port, "Invalid type parameter: must be 'stdout' or 'stderr'");
        if (file.Failure is { } failure) return DaemonErrors.From(failure);
        return TypedResults.Ok(await ProgramLogs.ReadAsync(file.Value!, type ?? "stdout", count.Value, ct));
    }
}
