using System.Globalization;
using HoodyKit.Core.Routing;
using HoodyKit.Terminal.Sessions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// Where the page must send the browser first. The page loads its script, style sheet and WebSocket relative
/// to its own URL (so proxy sub-paths work), which therefore has to end with <c>/</c>; and it needs a
/// <c>terminal_id</c>. Locations are relative, since a proxy in front may have moved the page elsewhere.
/// </summary>
internal static class PageLocation
{
    /// <summary>
    /// <c>./terminal/</c> when the URL the client asked for does not end with a slash, else empty. The client's
    /// own request target is used: a terminal Host's <c>/</c> reaches the endpoint rewritten to <c>/api/v1/terminal</c>.
    /// </summary>
    public static string MissingSlash(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/')) target = (context.Request.PathBase + context.Request.Path).Value ?? "/";
        var path = target.Split('?', 2)[0];
        return path.EndsWith('/') ? "" : "./" + path[(path.LastIndexOf('/') + 1)..] + "/";
    }

    /// <summary>The terminal id for a page opened without one: the Host's index when it names one, else the lowest unused id.</summary>
    public static int? DefaultTerminalId(HttpContext context, Func<int, bool> inUse)
    {
        if (context.GetServiceIndex("terminal") is { } index and >= 1 and <= 65535) return index;
        for (var candidate = 1; candidate < TerminalSessions.EphemeralFirst; candidate++)
            if (!inUse(candidate)) return candidate;
        return null;
    }

    /// <summary>The page's query with <c>terminal_id</c> set first, every other parameter kept as it came.</summary>
    public static string WithTerminalId(IQueryCollection query, int terminalId)
    {
        var builder = new QueryBuilder { { "terminal_id", terminalId.ToString(CultureInfo.InvariantCulture) } };
        foreach (var (name, values) in query)
            if (name != "terminal_id")
                foreach (var value in values) builder.Add(name, value ?? "");
        return builder.ToQueryString().Value!;
    }
}
