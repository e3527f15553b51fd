using HoodyKit.Core.Errors;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

/// <summary>The daemon's error strings, exactly as the reference words them.</summary>
internal static class DaemonErrors
{
    public static ApiError ProgramNotFound(int id) => ApiErrors.NotFound("PROGRAM_NOT_FOUND", $"Program with ID {id} not found");

    public static ApiError Disabled(string name) => ApiErrors.Conflict("PROGRAM_DISABLED", $"Program '{name}' is disabled");

    public static ApiError AlreadyRunning(string name) => ApiErrors.Conflict("ALREADY_RUNNING", $"Program '{name}' is already running");

    public static ApiError CannotStopSelf(string name) =>
        ApiErrors.Conflict("BUILT_IN_REFUSED", $"Program '{name}' serves this API and cannot be stopped or disabled");
}
