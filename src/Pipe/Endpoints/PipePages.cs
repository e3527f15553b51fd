using System.Net;
using System.Security.Cryptography;
using System.Text;
using HoodyKit.Pipe.Http;

namespace HoodyKit.Pipe.Endpoints;

/// <summary>The service's HTML pages, rendered from the templates embedded in the assembly.</summary>
internal sealed class PipePages
{
    private readonly string _index = Load("index.html");
    private readonly string _noScript = Load("noscript.html");
    private readonly string _video = Load("video.html");
    private readonly string _progress = Load("progress.html");

    public IResult Index() => new Html(_index, null);

    /// <summary>
    /// The form page without scripts: the path keeps URL-safe characters only; a style nonce, no script allowed. A
    /// <c>token</c> the page was opened with goes into both forms (a hidden field, and the upload's URL), since a
    /// browser without scripts has no other way to send it.
    /// </summary>
    public IResult NoScript(string path, string mode, string token)
    {
        var clean = CleanPath(path);
        var action = token.Length == 0 ? clean : $"{clean}?token={Uri.EscapeDataString(token)}";
        var tokenField = token.Length == 0 ? "" : $"<input type=\"hidden\" name=\"token\" value=\"{WebUtility.HtmlEncode(token)}\">";
        var text = mode == "text";
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var upload = clean.Length == 0
            ? "<p>Choose a path above first.</p>"
            : $"""
               <form method="POST" action="{WebUtility.HtmlEncode(action)}" enctype="multipart/form-data">
                 <fieldset>
                   <legend>2. Send to <code>{WebUtility.HtmlEncode(clean)}</code></legend>
                   {(text ? "<textarea name=\"input_text\"></textarea>" : "<input type=\"file\" name=\"input_file\">")}
                   <button type="submit">Send</button>
                 </fieldset>
               </form>
               """;
        var html = _noScript.Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{path}}", WebUtility.HtmlEncode(clean), StringComparison.Ordinal)
            .Replace("{{file_checked}}", text ? "" : " checked", StringComparison.Ordinal)
            .Replace("{{text_checked}}", text ? " checked" : "", StringComparison.Ordinal)
            .Replace("{{token_field}}", tokenField, StringComparison.Ordinal)
            .Replace("{{upload}}", upload, StringComparison.Ordinal);
        return new Html(html, $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    }

    /// <summary>The MSE player for <paramref name="key"/>; its own fetch is an ordinary receiver.</summary>
    public IResult Video(HttpContext context, string key) =>
        new Html(_video.Replace("{{path}}", WebUtility.HtmlEncode(PipeHref(context, key)), StringComparison.Ordinal),
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; media-src blob:");

    /// <summary>The progress dashboard for <paramref name="key"/> (it listens to the same URL's event stream).</summary>
    public IResult Progress(HttpContext context, string key) =>
        new Html(_progress.Replace("{{path}}", WebUtility.HtmlEncode(PipeHref(context, key)), StringComparison.Ordinal), null);

    /// <summary>The pipe's URL path as the caller reaches it (prefix or root alias), with the token kept.</summary>
    private static string PipeHref(HttpContext context, string key)
    {
        var path = (PipeRequest.ViaRoot(context) ? "" : PipeRequest.Prefix)
            + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var token = context.Request.Query["token"].ToString();
        return token.Length == 0 ? path : $"{path}?token={Uri.EscapeDataString(token)}";
    }

    private static string CleanPath(string path)
    {
        var kept = new StringBuilder(path.Length);
        foreach (var c in path.TrimStart('/'))
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/') kept.Append(c);
        var clean = kept.ToString().TrimStart('/');
        return clean.Length > Engine.PipeKey.MaxLength ? clean[..Engine.PipeKey.MaxLength] : clean;
    }

    private static string Load(string name)
    {
        using var stream = typeof(PipePages).Assembly.GetManifestResourceStream("HoodyKit.Pipe.Pages." + name)
            ?? throw new InvalidOperationException($"The page {name} is not embedded in {typeof(PipePages).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed record Html(string Body, string? ContentSecurityPolicy) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            if (ContentSecurityPolicy is not null) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return TypedResults.Text(Body, "text/html; charset=utf-8").ExecuteAsync(httpContext);
        }
    }
}
