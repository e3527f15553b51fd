using HoodyKit.Pipe.Http;

namespace HoodyKit.Pipe.Endpoints;

/// <summary>The reserved paths' own content on GET (and HEAD): pages, help, version, favicon and robots.</summary>
internal static class ReservedPaths
{
    public const string Version = "1.6.1";

    /// <summary>The answer for a reserved <paramref name="key"/>, or null for a pipe path.</summary>
    public static IResult? Find(string key, PipePages pages, HttpContext context) => key switch
    {
        "/" => pages.Index(),
        "/noscript" => pages.NoScript(context.Request.Query["path"].ToString(), context.Request.Query["mode"].ToString(),
            context.Request.Query["token"].ToString()),
        "/help" => Text(HelpText.Render(PipeRequest.BaseUrl(context))),
        "/version" => Text(Version + "\n"),
        "/favicon.ico" => new Bare(StatusCodes.Status204NoContent),
        "/robots.txt" => new Bare(StatusCodes.Status404NotFound),
        _ => null,
    };

    private static PlainText Text(string text) => new(text);

    /// <summary>A <c>text/plain</c> body with CORS, as every pipe answer.</summary>
    private sealed record PlainText(string Text) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            PipeCors.Apply(httpContext);
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Text(Text, "text/plain; charset=utf-8").ExecuteAsync(httpContext);
        }
    }

    /// <summary>A status with an empty body.</summary>
    private sealed record Bare(int StatusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            PipeCors.Apply(httpContext);
            httpContext.Response.StatusCode = StatusCode;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
