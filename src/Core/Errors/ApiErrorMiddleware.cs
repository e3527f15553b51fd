using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HoodyKit.Core.Errors;

/// <summary>
/// Turns what would otherwise be an empty or HTML error into the owning service's family: malformed
/// request bodies (400/415 via <see cref="BadHttpRequestException"/>), unexpected exceptions (logged, 500),
/// and bare status codes such as an unknown route (404) or a wrong method (405).
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await Describe(ex).ExecuteAsync(context);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away; there is nobody to answer
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.Internal().ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && response.ContentType is null)
            await ApiErrors.ForStatus(response.StatusCode).ExecuteAsync(context);
    }

    private static ApiError Describe(BadHttpRequestException ex)
    {
        if (ex.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return ApiErrors.UnsupportedMediaType(ex.Message);
        if (ex.InnerException is JsonException json)
            return ApiErrors.BadRequest("INVALID_JSON", "Invalid JSON body", json.Message);
        return new ApiError(ex.StatusCode, ex.StatusCode == StatusCodes.Status400BadRequest ? "BAD_REQUEST" : "ERROR", ex.Message);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
