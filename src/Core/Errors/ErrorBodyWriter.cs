using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HoodyKit.Core.Errors;

/// <summary>Writes an <see cref="ApiError"/> in one of the documented families. No reflection: a Utf8JsonWriter.</summary>
public static class ErrorBodyWriter
{
    public static Task WriteAsync(HttpContext context, ErrorShape shape, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (shape == ErrorShape.PlainText)
        {
            response.ContentType = "text/plain; charset=utf-8";
            var text = Encoding.UTF8.GetBytes(PlainLine(error));
            response.ContentLength = text.Length;
            return response.Body.WriteAsync(text, context.RequestAborted).AsTask();
        }

        response.ContentType = "application/json; charset=utf-8";
        var body = Render(shape, error);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The JSON body of <paramref name="error"/> in <paramref name="shape"/> (not for <see cref="ErrorShape.PlainText"/>).</summary>
    public static byte[] Render(ErrorShape shape, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            switch (shape)
            {
                case ErrorShape.SuccessError:
                    json.WriteBoolean("success", false);
                    json.WriteString("error", error.Message);
                    break;
                case ErrorShape.StatusCodeErrorMessage:
                    json.WriteNumber("statusCode", error.StatusCode);
                    json.WriteString("error", ReasonPhrase(error.StatusCode));
                    json.WriteString("message", error.Message);
                    json.WriteString("code", error.Code);
                    break;
                case ErrorShape.CodeMessage:
                    json.WriteString("code", error.Code);
                    json.WriteString("message", error.Message);
                    if (error.Details is null) json.WriteNull("details");
                    else json.WriteString("details", error.Details);
                    break;
                case ErrorShape.ErrorMessage:
                case ErrorShape.PlainText:
                    json.WriteString("error", error.Code);
                    json.WriteString("message", error.Message);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown error shape");
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The body as a string, for tests and logs.</summary>
    public static string RenderString(ErrorShape shape, ApiError error) =>
        shape == ErrorShape.PlainText ? PlainLine(error) : Encoding.UTF8.GetString(Render(shape, error));

    /// <summary>The plain-text family (pipe): one line <c>[ERROR] message</c>.</summary>
    private static string PlainLine(ApiError error) =>
        error.Message.StartsWith("[ERROR]", StringComparison.Ordinal) ? error.Message + "\n" : "[ERROR] " + error.Message + "\n";

    private static string ReasonPhrase(int statusCode) =>
        ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error";
}
