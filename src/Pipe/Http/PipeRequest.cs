using HoodyKit.Pipe.Engine;
using Microsoft.AspNetCore.Http.Features;

namespace HoodyKit.Pipe.Http;

/// <summary>Facts about a pipe request that the route cannot give: its key and the prefix it came in on.</summary>
internal static class PipeRequest
{
    public const string Prefix = "/api/v1/pipe";

    /// <summary>The request target as the client sent it (<c>Request.Path</c> is rewritten on pipe Hosts and keeps <c>%2F</c>).</summary>
    public static string RawTarget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) || raw[0] != '/' ? Prefix + context.Request.Path.Value + context.Request.QueryString.Value : raw;
    }

    public static string Key(HttpContext context) => PipeKey.FromTarget(RawTarget(context), Prefix);

    /// <summary>Whether the client used the root alias (<c>/x</c> on a pipe Host) rather than <c>/api/v1/pipe/x</c>.</summary>
    public static bool ViaRoot(HttpContext context) => !RawTarget(context).StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The base URL of the service as the client reached it: scheme (<c>X-Forwarded-Proto</c> first), Host, prefix.</summary>
    public static string BaseUrl(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var forwarded = context.Request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim();
        var scheme = forwarded is "http" or "https" ? forwarded : context.Request.Scheme;
        return $"{scheme}://{context.Request.Host}{(ViaRoot(context) ? "" : Prefix)}";
    }

    /// <summary>The error for a key that cannot name a pipe, or null.</summary>
    public static PipeError? Invalid(string key) =>
        PipeKey.HasForbiddenCharacters(key) ? PipeErrors.InvalidPath() : PipeKey.IsTooLong(key) ? PipeErrors.PathTooLong() : null;
}
