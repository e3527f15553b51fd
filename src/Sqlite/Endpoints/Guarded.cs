using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>
/// Runs a handler and turns engine refusals into the route's error family: the KV family through
/// <see cref="ApiError"/>, the SQL family as <c>{"error":CODE,"message"}</c> (plus <c>reqIdx</c> on <c>/db</c>).
/// </summary>
internal static class Guarded
{
    public static async Task<IResult> Kv(SqliteCounters counters, Func<Task<IResult>> work)
    {
        counters.Request(kv: true);
        try
        {
            return await work();
        }
        catch (StoreException ex)
        {
            if (ex.Status >= 500) counters.Error();
            return new ApiError(ex.Status, ex.Code, ex.Message);
        }
        catch (SqliteFailure ex)
        {
            counters.Error();
            return new ApiError(500, "DATABASE_ERROR", ex.Message);
        }
    }

    public static async Task<IResult> Sql(SqliteCounters counters, Func<Task<IResult>> work, bool withReqIdx = false)
    {
        counters.Request(kv: false);
        try
        {
            return await work();
        }
        catch (StoreException ex)
        {
            if (ex.Status >= 500) counters.Error();
            return SqlError(ex.Status, ex.Code, ex.Message, withReqIdx ? ex.ReqIdx : null);
        }
        catch (SqliteFailure ex)
        {
            counters.Error();
            return SqlError(500, "DATABASE_ERROR", ex.Message, withReqIdx ? -1 : null);
        }
    }

    public static JsonBody SqlError(int status, string code, string message, int? reqIdx)
    {
        var body = new JsonObject { ["error"] = code };
        if (reqIdx is { } idx) body["reqIdx"] = idx;
        body["message"] = message;
        return JsonBody.From(body, status);
    }
}
