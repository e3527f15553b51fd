using HoodyKit.Pipe.Engine;
using HoodyKit.Pipe.Http;
using HoodyKit.Pipe.Progress;
using Microsoft.Extensions.Options;

namespace HoodyKit.Pipe.Endpoints;

/// <summary>
/// <c>/api/v1/pipe/{path}</c>: GET receives (or serves a reserved page, a progress stream, the video player), POST and
/// PUT send, OPTIONS is the CORS preflight, anything else is 405. The routes come after the service's own
/// (<c>Order</c> 1), so health, metrics and OpenAPI keep their paths.
/// </summary>
internal static class PipeEndpoints
{
    private const string Path = "/{**path}";

    public static RouteGroupBuilder MapPipeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Path, GetAsync).WithOrder(1).WithSummary("Receive data from a pipe (or a reserved page)");
        api.MapPost(Path, SendAsync).WithOrder(1).WithSummary("Send data to a pipe");
        api.MapPut(Path, SendAsync).WithOrder(1).WithSummary("Send data to a pipe (PUT)");
        api.MapMethods(Path, [HttpMethods.Options], PipeCors.Preflight).WithOrder(1).WithSummary("CORS preflight");
        api.Map(Path, OtherAsync).WithOrder(2).ExcludeFromDescription();
        return api;
    }

    private static async Task GetAsync(HttpContext context, PipeHub hub, PipePages pages, ProgressStreams progress)
    {
        var key = PipeRequest.Key(context);
        if (PipeRequest.Invalid(key) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }

        if (ReservedPaths.Find(key, pages, context) is { } page)
        {
            await page.ExecuteAsync(context);
            return;
        }

        var query = context.Request.Query;
        if (Flags.IsOn(query, "progress"))
            await progress.ServeAsync(context, key);
        else if (Flags.IsOn(query, "video") && AcceptsHtml(context.Request))
            await pages.Video(context, key).ExecuteAsync(context);
        else
            await ReceiveHandler.ReceiveAsync(context, key, hub);
    }

    private static async Task SendAsync(HttpContext context, PipeHub hub, IOptions<PipeOptions> options,
        [FromKeyedServices(PipeModule.ClockKey)] TimeProvider time)
    {
        var key = PipeRequest.Key(context);
        if (PipeRequest.Invalid(key) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }

        await SendHandler.SendAsync(context, key, hub, options.Value, time);
    }

    /// <summary>HEAD answers GET's headers on reserved paths only; every other method is 405 with <c>Allow</c>.</summary>
    private static Task OtherAsync(HttpContext context, PipePages pages)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsHead(method) && ReservedPaths.Find(PipeRequest.Key(context), pages, context) is { } page)
            return page.ExecuteAsync(context);
        context.Response.Headers.Allow = PipeCors.AllowMethods;
        return PipeErrors.MethodNotAllowed(ForwardedHeaders.StripControl(method)).ExecuteAsync(context);
    }

    internal static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
