using System.Globalization;
using HoodyKit.Sqlite.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Typed reads of query parameters: a wrong type is 400 <c>INVALID_PARAMETERS</c> naming the parameter.</summary>
internal static class Args
{
    public static string? Text(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    /// <summary>A boolean: absent → <paramref name="fallback"/>; an empty presence flag → true.</summary>
    public static bool Bool(HttpContext ctx, string name, bool fallback = false)
    {
        var text = Text(ctx, name);
        if (text is null) return fallback;
        return text.ToLowerInvariant() switch
        {
            "" or "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw StoreException.Invalid($"{name} must be true or false"),
        };
    }

    public static long? Long(HttpContext ctx, string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Text(ctx, name);
        if (string.IsNullOrEmpty(text)) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw StoreException.Invalid(min == long.MinValue ? $"{name} must be an integer" : $"{name} must be an integer from {min} to {max}");
        return value;
    }

    public static int Int(HttpContext ctx, string name, int fallback, int min, int max) => (int)(Long(ctx, name, min, max) ?? fallback);

    /// <summary>A point in time: integer or fractional seconds, or milliseconds from 1e11 on.</summary>
    public static Kv.PointInTime? Time(HttpContext ctx, string name, bool required = false)
    {
        var text = Text(ctx, name);
        if (string.IsNullOrEmpty(text))
            return required ? throw StoreException.Invalid($"{name} is required (Unix seconds)") : null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            throw StoreException.Invalid($"{name} must be a Unix timestamp in seconds");
        return Kv.PointInTime.From(value);
    }

    /// <summary>The request body, at most <paramref name="max"/> bytes (413 beyond).</summary>
    public static async Task<byte[]> BodyAsync(HttpContext ctx, long max)
    {
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        if (ctx.Request.ContentLength > max) throw TooLarge(max);
        using var buffer = new MemoryStream();
        try
        {
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(max);
        }

        if (buffer.Length > max) throw TooLarge(max);
        return buffer.ToArray();
    }

    private static StoreException TooLarge(long max) => new(413, "PAYLOAD_TOO_LARGE", $"The body is larger than {max} bytes");
}
