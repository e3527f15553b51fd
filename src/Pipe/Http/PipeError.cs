using System.Text;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// A pipe error answer: a status and one <c>text/plain</c> line <c>[ERROR] …\n</c>, with CORS headers and a
/// <c>Content-Length</c> (design/pipe.md §2).
/// </summary>
internal sealed record PipeError(int StatusCode, string Code, string Message) : IResult
{
    public string Body => $"[ERROR] {Message}\n";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        PipeCors.Apply(httpContext);
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes).AsTask();
    }
}
