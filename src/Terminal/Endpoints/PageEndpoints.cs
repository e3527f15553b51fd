using HoodyKit.Core.Errors;
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
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    public static RouteGroupBuilder MapPageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/", Page);
        api.MapGet("/assets/{name}", Asset).ExcludeFromDescription()
            .WithMetadata(new KitModuleMetadata("terminal", Anonymous: true));
        return api;
    }

    private static IResult Page(HttpContext context, TerminalSessions sessions, PageAssets assets)
    {
        var query = context.Request.Query;
        int? id = null;
        if (QueryArgs.Value(query, "terminal_id") is { } rawId && rawId != "0")
        {
            if (!TerminalId.TryParse(rawId, out var parsed)) return TerminalErrors.InvalidTerminalId();
            id = parsed;
        }

        if (!QueryArgs.TryBuildSpec(query, out _, out var problem)) return TerminalErrors.InvalidParameters(problem!);
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
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer"; // the URL may carry the token
        return Results.Content(PageRenderer.Render(assets, PageQuery.Read(query)), "text/html; charset=utf-8");
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
