using HoodyKit.Core.Auth;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Logging;
using HoodyKit.Core.Modules;
using HoodyKit.Core.Routing;
using Microsoft.AspNetCore.Builder;

namespace HoodyKit.Core.Hosting;

public static class KitPipelineExtensions
{
    /// <summary>
    /// The shared request pipeline, in order: request log → error families → Host selection →
    /// routing → token auth → module on/off switch → WebSockets. Endpoints follow.
    /// </summary>
    public static WebApplication UseKitPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<HostRoutingMiddleware>();
        app.UseRouting();
        app.UseMiddleware<TokenAuthMiddleware>();
        app.UseMiddleware<ModuleSwitchMiddleware>();
        app.UseWebSockets();
        return app;
    }
}
