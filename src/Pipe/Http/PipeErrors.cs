using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe.Http;

/// <summary>The pipe service's errors, in the guide's words where it gives them.</summary>
internal static class PipeErrors
{
    public static PipeError Reserved(string key) =>
        new(400, "RESERVED_PATH", $"'{key}' is a reserved path. Use a custom path like '/myfile' or '/transfer123'.");

    public static PipeError InvalidN() => new(400, "INVALID_N", "Invalid 'n' parameter: it must be an integer from 1 to 256.");

    public static PipeError ContentRange() => new(400, "CONTENT_RANGE", "Content-Range is not supported: send the complete body.");

    public static PipeError ServiceWorker() => new(400, "SERVICE_WORKER", "Service Worker registration is not allowed on pipe paths.");

    public static PipeError InvalidPath() =>
        new(400, "INVALID_PATH", "Invalid path: control characters and backslashes are not allowed.");

    public static PipeError PathTooLong() => new(414, "PATH_TOO_LONG", "Path too long (max 1024 characters).");

    public static PipeError MethodNotAllowed(string method) =>
        new(405, "METHOD_NOT_ALLOWED", $"Method {method} is not allowed. Use GET, POST, or PUT.");

    public static PipeError ReceiverTimedOut() => new(408, "TTL_EXPIRED", "Timed out waiting for sender.");

    public static PipeError NotFound(string message) => new(404, "NOT_FOUND", message);

    /// <summary>The answer to a refused join on <paramref name="key"/> by a party asking for <paramref name="n"/>.</summary>
    public static PipeError Join(JoinResult result, string key, int n) => result.Error switch
    {
        JoinError.ActiveTransfer => new(400, "ACTIVE_TRANSFER", $"Path '{key}' is already in use by an active transfer."),
        JoinError.DuplicateSender => new(400, "DUPLICATE_SENDER", $"Path '{key}' already has a sender connected."),
        JoinError.ReceiverSlotsFull => new(400, "RECEIVER_SLOTS_FULL", $"All {result.N} receiver slot(s) of path '{key}' are taken."),
        JoinError.NMismatch => new(400, "N_MISMATCH",
            $"Receiver count mismatch: path '{key}' was opened with n={result.N}, this request has n={n}."),
        JoinError.TooManyPending => new(429, "TOO_MANY_PENDING", "Too many pending transfers. Try again later."),
        JoinError.TooManyActive => new(429, "TOO_MANY_ACTIVE", "Too many active transfers. Try again later."),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Error, "not an error"),
    };
}
