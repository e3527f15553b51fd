using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Errors;

/// <summary>
/// An error result that writes itself in the error family of the endpoint (or service prefix) that
/// answers the request. <paramref name="Code"/> is the machine code where a family carries one.
/// </summary>
public sealed record ApiError(int StatusCode, string Code, string Message, string? Details = null) : IResult, IStatusCodeHttpResult
{
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return ErrorBodyWriter.WriteAsync(httpContext, ErrorShapeResolver.Resolve(httpContext), this);
    }
}
