using HoodyKit.Core.Errors;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

/// <summary>Maps a <see cref="Failure"/> to the daemon's status codes: 400, 404, 409, 504, 500.</summary>
internal static class DaemonErrors
{
    public static ApiError From(Failure failure) => failure.Kind switch
    {
        FailureKind.BadRequest => ApiErrors.BadRequest("BAD_REQUEST", failure.Message),
        FailureKind.NotFound => ApiErrors.NotFound("NOT_FOUND", failure.Message),
        FailureKind.Conflict => ApiErrors.Conflict("CONFLICT", failure.Message),
        FailureKind.Timeout => new ApiError(StatusCodes.Status504GatewayTimeout, "TIMEOUT", failure.Message),
        _ => new ApiError(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", failure.Message),
    };
}
