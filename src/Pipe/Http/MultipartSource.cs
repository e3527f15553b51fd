using System.IO.Pipelines;
using HoodyKit.Pipe.Engine;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// A <c>multipart/form-data</c> sender streams its first file part (design/pipe.md §5): a part with a file name, or
/// its own Content-Type, or the noscript page's <c>input_text</c>. Fields before it are read and skipped.
/// </summary>
internal static class MultipartSource
{
    private const int HeadersLengthLimit = 64 * 1024;

    /// <summary>The boundary when <paramref name="contentType"/> is multipart/form-data with one; else null.</summary>
    public static string? Boundary(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return null;
        if (!parsed.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return null;
        var boundary = HeaderUtilities.RemoveQuotes(parsed.Boundary).ToString();
        return boundary.Length is > 0 and <= 200 ? boundary : null;
    }

    /// <summary>
    /// Reads up to the first file part: its body as a reader and its headers, or null when the form has none or
    /// <paramref name="ct"/> fires first (the receivers then get an empty body).
    /// </summary>
    public static async Task<(PipeReader Body, TransferHeaders Headers)?> OpenAsync(Stream body, string boundary,
        IHeaderDictionary requestHeaders, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = HeadersLengthLimit, BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.ContentDisposition;
                var parsed = ContentDispositionHeaderValue.TryParse(disposition, out var value) ? value : null;
                if (IsFilePart(parsed, section.ContentType))
                {
                    var type = ForwardedHeaders.ContentType(section.ContentType)
                        ?? (IsTextField(parsed) ? "text/plain; charset=utf-8" : null);
                    var forwarded = Disposition.FromSender(IsTextField(parsed) ? null : disposition, type, out var fileName);
                    var headers = new TransferHeaders(type, null, forwarded, fileName, ForwardedHeaders.Custom(requestHeaders));
                    return (PipeReader.Create(section.Body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true)), headers);
                }

                await section.Body.CopyToAsync(Stream.Null, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // no file part in time: the receivers get an empty body
        }
        catch (InvalidDataException)
        {
            // a malformed form: nothing to stream
        }

        return null;
    }

    private static bool IsFilePart(ContentDispositionHeaderValue? disposition, string? contentType) =>
        !string.IsNullOrEmpty(contentType)
        || (disposition is not null && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue || IsTextField(disposition)));

    private static bool IsTextField(ContentDispositionHeaderValue? disposition) =>
        disposition is not null && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("input_text", StringComparison.Ordinal);
}
