using System.Globalization;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Integration;
using HoodyKit.Core.Modules;
using HoodyKit.Terminal.Page;
using HoodyKit.Terminal.Sessions;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// <c>GET /api/v1/terminal/</c> (and <c>/</c> on a terminal Host): the web terminal, plus its script and style
/// sheet under <c>assets/</c>. The page needs the token like any other route (<c>?token=</c> in a browser);
/// the assets are the same code for everyone and hold no data, so they are open, like the OpenAPI documents.
/// </summary>
internal static class PageEndpoints
{
    private const int MaxRedirectDelay = 300;

    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    public static RouteGroupBuilder MapPageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/", Page);
        api.MapGet("/assets/{name}", Asset).ExcludeFromDescription()
            .WithMetadata(new KitModuleMetadata("terminal", Anonymous: true));
        return api;
    }

    private static async Task<IResult> Page(HttpContext context, TerminalSessions sessions, PageAssets assets, IDisplayReadiness displays,
        TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        int? id = null;
        if (QueryArgs.Value(query, "terminal_id") is { } rawId && rawId != "0")
        {
            if (!TerminalId.TryParse(rawId, out var parsed)) return TerminalErrors.InvalidTerminalId();
            id = parsed;
        }

        if (!QueryArgs.TryBuildSpec(query, out var spec, out var problem)) return TerminalErrors.InvalidParameters(problem!);
        if (QueryArgs.Value(query, "redirect") is { } redirect)
            return redirect == "display"
                ? await RedirectToDisplayAsync(context, id, spec, sessions, displays, time, ct)
                : TerminalErrors.InvalidParameters("redirect must be 'display'");
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        var slash = PageLocation.MissingSlash(context);
        if (id is null)
        {
            if (PageLocation.DefaultTerminalId(context, candidate => sessions.Find(candidate) is not null) is not { } free)
                return ApiErrors.ServiceUnavailable("NO_FREE_TERMINAL_ID", "Every terminal id is in use");
            return Results.Redirect(slash + PageLocation.WithTerminalId(query, free));
        }

        if (slash.Length > 0) return Results.Redirect(slash + context.Request.QueryString);
        response.Headers.XContentTypeOptions = "nosniff";
        var view = PageQuery.Read(query);
        response.Headers.ContentSecurityPolicy = view.Panel?.FrameOrigin is { } origin
            ? ContentSecurityPolicy + "; frame-src 'self' " + origin
            : ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer"; // the URL may carry the token
        return Results.Content(PageRenderer.Render(assets, view), "text/html; charset=utf-8");
    }

    /// <summary>
    /// <c>?redirect=display</c>: creates (or keeps) the session, waits for its display (<c>wait_timeout</c> seconds,
    /// at most 300), then <c>redirect_delay</c> seconds more, and answers 302 to the display page; 503 when the
    /// display did not come up.
    /// </summary>
    private static async Task<IResult> RedirectToDisplayAsync(HttpContext context, int? id, SessionSpec spec, TerminalSessions sessions,
        IDisplayReadiness displays, TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        if (id is null || DisplayWait.Number(spec.Display) is not { } display)
            return TerminalErrors.InvalidParameters("redirect=display needs terminal_id and display");
        var delay = 0;
        if (QueryArgs.Value(query, "redirect_delay") is { } delayText
            && (!int.TryParse(delayText, NumberStyles.None, CultureInfo.InvariantCulture, out delay) || delay > MaxRedirectDelay))
            return TerminalErrors.InvalidParameters($"redirect_delay must be a whole number of seconds from 0 to {MaxRedirectDelay}");
        int? waitSeconds = int.TryParse(QueryArgs.Value(query, "wait_timeout"), NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;

        var outcome = sessions.GetOrCreate(id, spec);
        if (outcome.Session is null)
            return outcome.SpawnFailed ? TerminalErrors.SpawnFailed(outcome.Problem!) : TerminalErrors.InvalidParameters(outcome.Problem!);
        var readiness = await displays.WaitAsync(display, DisplayWait.Timeout(waitSeconds, fallback: 300, cap: 300), ct);
        if (readiness != DisplayReadiness.Ready)
            return ApiErrors.ServiceUnavailable("DISPLAY_NOT_READY", $"Display :{display} is not ready ({DisplayWait.Status(readiness)})");
        if (delay > 0) await Task.Delay(TimeSpan.FromSeconds(delay), time, ct);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(DisplayLocation.For(context, display));
    }

    /// <summary>
    /// An embedded asset. The page links it with <c>?v=&lt;content hash&gt;</c>, so a matching <c>v</c> may be
    /// cached for good; otherwise the browser revalidates with the ETag.
    /// </summary>
    private static IResult Asset(string name, string? v, HttpContext context, PageAssets assets)
    {
        if (assets.Find(name) is not { } asset) return ApiErrors.NotFound("NOT_FOUND", "No such page asset");
        context.Response.Headers.CacheControl = v == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }
}
