using HoodyKit.Core.Health;
using HoodyKit.Core.Modules;
using HoodyKit.Pipe.Http;

namespace HoodyKit.Pipe.Endpoints;

/// <summary>
/// <c>/api/v1/pipe/health</c>: the standard body on GET and HEAD, the preflight on OPTIONS, 405 otherwise; the root
/// <c>/health</c> on a pipe Host is not health (guide: 404 with a pointer to the prefixed path).
/// </summary>
internal static class HealthEndpoint
{
    public static RouteGroupBuilder MapPipeHealth(this RouteGroupBuilder api)
    {
        api.Map("/health", Health).WithMetadata(new KitModuleMetadata(PipeModule.ModuleName, Anonymous: true, AnswersWhenStopped: true))
            .WithSummary("Service health check");
        return api;
    }

    private static IResult Health(HttpContext context, KitModuleRegistry registry)
    {
        if (PipeRequest.ViaRoot(context))
            return PipeErrors.NotFound("'/health' is not a valid path. Use '/api/v1/pipe/health'.");
        var method = context.Request.Method;
        if (HttpMethods.IsOptions(method)) return PipeCors.Preflight(context);
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Response.Headers.Allow = "GET, HEAD, OPTIONS";
            return new PipeError(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                $"Method {ForwardedHeaders.StripControl(method)} is not allowed.");
        }

        PipeCors.Apply(context);
        return TypedResults.Ok(HealthEndpoints.Build(context, registry, PipeModule.ModuleName));
    }
}
