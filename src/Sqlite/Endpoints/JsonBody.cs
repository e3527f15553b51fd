using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>A JSON reply from bytes or a <see cref="JsonNode"/> (no reflection: Native AOT).</summary>
internal sealed class JsonBody(byte[] body, int status = StatusCodes.Status200OK) : IResult
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonBody From(JsonNode node, int status = StatusCodes.Status200OK)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options)) node.WriteTo(writer);
        return new JsonBody(buffer.ToArray(), status);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
