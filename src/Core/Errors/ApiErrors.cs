using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HoodyKit.Core.Errors;

/// <summary>Factory for <see cref="ApiError"/> results; the body family is chosen per request.</summary>
public static class ApiErrors
{
    public static ApiError BadRequest(string code, string message, string? details = null) =>
        new(StatusCodes.Status400BadRequest, code, message, details);

    public static ApiError Unauthorized(string message = "Unauthorized") =>
        new(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", message);

    public static ApiError NotFound(string code, string message) =>
        new(StatusCodes.Status404NotFound, code, message);

    public static ApiError MethodNotAllowed(string message = "Method not allowed") =>
        new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", message);

    public static ApiError Conflict(string code, string message) =>
        new(StatusCodes.Status409Conflict, code, message);

    public static ApiError UnsupportedMediaType(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", message);

    public static ApiError Internal(string message = "Internal server error") =>
        new(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", message);

    public static ApiError ServiceUnavailable(string code, string message) =>
        new(StatusCodes.Status503ServiceUnavailable, code, message);

    /// <summary>The generic error for a bare status code (unknown route, wrong method, …).</summary>
    public static ApiError ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => BadRequest("BAD_REQUEST", "Bad request"),
        StatusCodes.Status401Unauthorized => Unauthorized(),
        StatusCodes.Status404NotFound => NotFound("NOT_FOUND", "Not found"),
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType("Unsupported media type"),
        _ => new ApiError(statusCode, "ERROR", ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } p ? p : "Error"),
    };
}
