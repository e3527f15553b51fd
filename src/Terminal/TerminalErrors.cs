using HoodyKit.Core.Errors;

namespace HoodyKit.Terminal;

/// <summary>The terminal's documented error codes, in the <c>{statusCode,error,message,code}</c> family.</summary>
internal static class TerminalErrors
{
    public static ApiError InvalidTerminalId() => ApiErrors.BadRequest("INVALID_TERMINAL_ID", TerminalId.InvalidMessage);

    public static ApiError SessionNotFound() => ApiErrors.NotFound("SESSION_NOT_FOUND", "Terminal session not found");

    public static ApiError InvalidParameters(string message) => ApiErrors.BadRequest("INVALID_PARAMETERS", message);

    public static ApiError SpawnFailed(string detail) =>
        new(StatusCodes.Status500InternalServerError, "SPAWN_FAILED", "Failed to create terminal process: " + detail);
}
