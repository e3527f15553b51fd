using HoodyKit.Core.Errors;

namespace HoodyKit.Daemon.Supervisor.Endpoints;

/// <summary>The reference's string flags: <c>"true"</c> or <c>"false"</c>; absent means "no filter".</summary>
internal static class QueryFlag
{
    public static bool TryParse(string? value, string name, out bool? flag, out ApiError? error)
    {
        error = null;
        flag = null;
        if (value is null) return true;
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)) flag = true;
        else if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) flag = false;
        else error = ApiErrors.BadRequest("INVALID_QUERY", $"Query parameter '{name}' must be \"true\" or \"false\"");
        return error is null;
    }
}
