using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Routing;

/// <summary>
/// Selects the service named by the Host header. For a module that documents root paths, a request
/// outside <c>/api/</c> is served under the module's prefix (<c>cron-1.host/crontab</c> →
/// <c>/api/v1/cron/crontab</c>). Runs before routing.
/// </summary>
internal sealed class HostRoutingMiddleware(RequestDelegate next, KitModuleRegistry registry)
{
    public Task InvokeAsync(HttpContext context)
    {
        var selected = ServiceHost.Parse(context.Request.Host.Host, name => registry.Find(name) is not null);
        if (selected is not null)
        {
            context.SetServiceHost(selected);
            var module = registry.Find(selected.Service)!;
            var path = context.Request.Path;
            if (module.ServesRootPaths && !path.StartsWithSegments("/api"))
            {
                context.Request.Path = new PathString(module.Prefix).Add(path.Value == "/" ? PathString.Empty : path);
            }
        }

        return next(context);
    }
}
