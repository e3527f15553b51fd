using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe.Http;

/// <summary>The status and headers of one receiver's response once its transfer is established.</summary>
internal static class ReceiverResponse
{
    public static void Prepare(HttpContext context, TransferHeaders sender, string key)
    {
        var response = context.Response;
        var query = context.Request.Query;
        response.StatusCode = StatusCodes.Status200OK;
        PipeCors.Apply(context);
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["X-Robots-Tag"] = "none";
        if (sender.ContentType is not null) response.ContentType = sender.ContentType;
        if (sender.ContentLength is { } length) response.ContentLength = length;
        var disposition = Disposition.ForReceiver(sender.ContentDisposition, sender.FileName,
            query.TryGetValue("download", out var download) ? download.ToString() : null,
            query.TryGetValue("filename", out var name) ? name.ToString() : null, key);
        if (disposition is not null) headers.ContentDisposition = disposition;
        if (sender.Custom.Count == 0) return;
        foreach (var group in sender.Custom.GroupBy(h => h.Key, StringComparer.Ordinal))
            headers[group.Key] = group.Select(h => h.Value).ToArray();
        headers.AccessControlExposeHeaders = PipeCors.ExposeHeaders;
    }
}
