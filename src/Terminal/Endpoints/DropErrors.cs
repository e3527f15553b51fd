using System.Text.Encodings.Web;
using System.Text.Json;
using HoodyKit.Core.Errors;
using HoodyKit.Terminal.Drops;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// Drop failures in the terminal's <c>{statusCode,error,message,code}</c> family, with the statuses the reference
/// gives: 409 for an unknown drop, a missing or wrong token, a sealed drop, a wrong offset (with <c>current_size</c>,
/// to resume from) and no staging; 413 for byte and count caps; 400 for bad paths and manifests.
/// </summary>
internal static class DropErrors
{
    public static IResult From(DropFailure failure) => failure.Problem switch
    {
        DropProblem.OffsetMismatch => new OffsetMismatch(failure.Message, failure.CurrentSize ?? 0),
        DropProblem.Unavailable => ApiErrors.Conflict("STAGING_UNAVAILABLE", failure.Message),
        DropProblem.NotFound => NotFound(),
        DropProblem.Sealed => ApiErrors.Conflict("DROP_SEALED", failure.Message),
        DropProblem.PathConflict => ApiErrors.Conflict("PATH_CONFLICT", failure.Message),
        DropProblem.ManifestMismatch => ApiErrors.Conflict("MANIFEST_MISMATCH", failure.Message),
        DropProblem.NoProcess => ApiErrors.Conflict("NO_PROCESS", failure.Message),
        DropProblem.InvalidPath => ApiErrors.BadRequest("INVALID_PATH", failure.Message),
        DropProblem.InvalidManifest => ApiErrors.BadRequest("INVALID_MANIFEST", failure.Message),
        DropProblem.TooLarge => new ApiError(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", failure.Message),
        DropProblem.TooManyItems => new ApiError(StatusCodes.Status413PayloadTooLarge, "TOO_MANY_ITEMS", failure.Message),
        DropProblem.TooManyDrops => new ApiError(StatusCodes.Status429TooManyRequests, "TOO_MANY_DROPS", failure.Message),
        _ => ApiErrors.Internal(failure.Message),
    };

    /// <summary>Unknown or expired drop, another terminal's drop, missing or wrong token: one answer, so none can be told apart.</summary>
    public static ApiError NotFound() => ApiErrors.Conflict("DROP_NOT_FOUND", "Unknown drop or wrong token");

    /// <summary>409 with the staged size, so the client resumes there.</summary>
    private sealed class OffsetMismatch(string message, long currentSize) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status409Conflict;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteNumber("statusCode", StatusCodes.Status409Conflict);
                json.WriteString("error", "Conflict");
                json.WriteString("message", message);
                json.WriteString("code", "OFFSET_MISMATCH");
                json.WriteNumber("current_size", currentSize);
                json.WriteEndObject();
            }

            httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.ContentLength = buffer.Length;
            await httpContext.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted);
        }
    }
}
