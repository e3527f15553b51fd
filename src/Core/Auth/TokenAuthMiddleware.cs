using HoodyKit.Core.Errors;
using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Auth;

/// <summary>
/// Bearer-token auth when a token is configured. Accepts <c>Authorization: Bearer &lt;token&gt;</c> or, for
/// WebSocket clients that cannot set headers, a <c>token</c> query parameter. Health is always open.
/// </summary>
internal sealed class TokenAuthMiddleware(RequestDelegate next, TokenValidator tokens)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!tokens.IsConfigured || context.GetEndpoint()?.Metadata.GetMetadata<KitModuleMetadata>() is { Anonymous: true })
            return next(context);
        if (tokens.Matches(TokenValidator.Presented(context.Request))) return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrors.Unauthorized().ExecuteAsync(context);
    }
}
