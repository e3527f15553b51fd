using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// Kestrel's body size and data-rate limits would cut long or idle transfers (design/pipe.md §9): pipe requests switch
/// them off for themselves only; the pipe's own timeouts apply instead.
/// </summary>
internal static class RequestLimits
{
    public static void Lift(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } readRate) readRate.MinDataRate = null;
        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } writeRate) writeRate.MinDataRate = null;
    }
}
