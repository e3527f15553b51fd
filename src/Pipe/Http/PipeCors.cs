namespace HoodyKit.Pipe.Http;

/// <summary>
/// CORS on every pipe response: the caller's Origin reflected with credentials, or <c>*</c> when it is absent or
/// <c>"null"</c>; <c>Vary: Origin</c>. Preflights add the documented method, header and age lines.
/// </summary>
internal static class PipeCors
{
    public const string AllowMethods = "GET, POST, PUT, OPTIONS";
    public const string AllowHeaders = "Content-Type, Content-Disposition, Authorization, X-Piping, X-Hoody-Pipe";
    public const string ExposeHeaders = "X-Piping, X-Hoody-Pipe";

    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = RealOrigin(context.Request);
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin ?? "*";
        if (origin is not null) headers.AccessControlAllowCredentials = "true";
        headers.Vary = "Origin";
    }

    /// <summary>OPTIONS on any path: 200 with the preflight headers.</summary>
    public static IResult Preflight(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = AllowMethods;
        headers.AccessControlAllowHeaders = AllowHeaders;
        headers.AccessControlMaxAge = "86400";
        if (string.Equals(context.Request.Headers["Access-Control-Request-Private-Network"], "true", StringComparison.OrdinalIgnoreCase))
            headers["Access-Control-Allow-Private-Network"] = "true";
        context.Response.ContentLength = 0;
        return Results.Empty;
    }

    private static string? RealOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || origin == "null" || origin.Any(char.IsControl) ? null : origin;
    }
}
