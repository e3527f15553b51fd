using HoodyKit.Core.Metrics;
using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace HoodyKit.Core.Logging;

/// <summary>One log line and one metrics sample per request: service, route, status, duration. Never bodies or tokens.</summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, KitModuleRegistry registry, KitMetrics metrics,
    TimeProvider time, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            var service = registry.FindByPath(context.Request.Path)?.Name ?? "-";
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            var status = context.Response.StatusCode;
            metrics.Record(service, context.Request.Method, status, elapsed);
            LogRequest(logger, service, context.Request.Method, route, status, elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Method} {Route} -> {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string service, string method, string route, int statusCode, double elapsedMs);
}
