using System.Security.Cryptography;
using System.Text;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Hosting;
using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HoodyKit.Core.Auth;

/// <summary>
/// Bearer-token auth when a token is configured. Accepts <c>Authorization: Bearer &lt;token&gt;</c> or, for
/// WebSocket clients that cannot set headers, a <c>token</c> query parameter. Health is always open.
/// Comparison is constant-time over SHA-256 digests, so neither content nor length leaks.
/// </summary>
internal sealed class TokenAuthMiddleware(RequestDelegate next, KitSettings settings)
{
    private readonly byte[]? _expected = settings.Token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || context.GetEndpoint()?.Metadata.GetMetadata<KitModuleMetadata>() is { Anonymous: true })
            return next(context);
        var presented = PresentedToken(context.Request);
        if (presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrors.Unauthorized().ExecuteAsync(context);
    }

    private static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        return request.Query.TryGetValue("token", out var query) ? query.ToString() : null;
    }
}
