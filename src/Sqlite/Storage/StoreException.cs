namespace HoodyKit.Sqlite.Storage;

/// <summary>
/// A refusal of the sqlite engines with its status and machine code (400 <c>INVALID_DB_PATH</c>,
/// 404 <c>KEY_NOT_FOUND</c>, …); the endpoints write it in the family of the route.
/// </summary>
internal sealed class StoreException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>The transaction item it concerns (<c>POST /db</c>'s <c>reqIdx</c>); −1 for none.</summary>
    public int ReqIdx { get; init; } = -1;

    public static StoreException BadRequest(string code, string message) => new(400, code, message);

    public static StoreException Invalid(string message) => new(400, "INVALID_PARAMETERS", message);

    public static StoreException NotFound(string code, string message) => new(404, code, message);

    public static StoreException KeyNotFound(string key) => new(404, "KEY_NOT_FOUND", $"Key '{key}' not found");

    public static StoreException Gap(string message) => new(409, "HISTORY_GAP", message);

    public static StoreException Busy() => new(503, "DATABASE_BUSY", "Request deadline exceeded before commit");
}
