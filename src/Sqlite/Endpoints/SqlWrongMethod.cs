using HoodyKit.Core.Errors;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>
/// Answers a wrong method on a SQL-family route (<c>PATCH /db</c>) with 405 in that family, not the
/// service's KV family: the routing's own 405 carries no endpoint metadata, so the module's family would win.
/// </summary>
internal static class SqlWrongMethod
{
    private static readonly string[] s_methods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    /// <summary>Maps every method but <paramref name="allowed"/> on <paramref name="pattern"/> to a 405 with an <c>Allow</c> header.</summary>
    public static RouteGroupBuilder MapSqlWrongMethods(this RouteGroupBuilder group, string pattern, bool withReqIdx, params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        group.MapMethods(pattern, s_methods.Except(allowed, StringComparer.Ordinal).ToArray(), (HttpContext ctx) =>
            {
                ctx.Response.Headers.Allow = allow;
                return Guarded.SqlError(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                    $"Method {ctx.Request.Method} is not allowed here; use {allow}", withReqIdx ? -1 : null);
            })
            .WithErrorShape(ErrorShape.ErrorMessage)
            .ExcludeFromDescription();
        return group;
    }
}
