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

    private static async Task<Results<Ok<LogReply>, ServerSentEventsResult<string>, ApiError>> GetLogs(int id, ProgramLogs logs,
        TimeProvider time, string? type, int? lines, int? port, string? follow, CancellationToken ct)
    {
        if (!QueryFlag.TryParse(follow, "follow", out var following, out var badFollow)) return badFollow!;
        var count = ProgramLogs.CheckLines(lines);
        if (count.Failure is { } badLines) return DaemonErrors.From(badLines);
        var file = logs.Locate(id, type, port, "Invalid type parameter: must be 'stdout' or 'stderr'");
        if (file.Failure is { } failure) return DaemonErrors.From(failure);
        if (following == true)
            return TypedResults.ServerSentEvents(LogFollower.FollowAsync(file.Value!, count.Value, time, TimeSpan.FromMilliseconds(200), ct), "log");
        return TypedResults.Ok(await ProgramLogs.ReadAsync(file.Value!, type ?? "stdout", count.Value, ct));
    }
}
