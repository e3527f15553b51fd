using System.Globalization;
using HoodyKit.Core.Routing;
using Microsoft.AspNetCore.Http.Extensions;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// Where <c>?redirect=display</c> sends the browser: on a terminal Host (<c>p-c-terminal-1.example</c>) the same
/// name with <c>display-&lt;N&gt;</c> in its place, scheme-relative (a TLS proxy in front decides the scheme);
/// otherwise the display page beside the terminal page, <c>../display/?displayId=N</c>. A <c>token</c> the page
/// was opened with goes along, since the display page needs it too.
/// </summary>
internal static class DisplayLocation
{
    public static string For(HttpContext context, int display)
    {
        var number = display.ToString(CultureInfo.InvariantCulture);
        var query = new QueryBuilder();
        if (context.Request.Query.TryGetValue("token", out var token) && token.ToString().Length > 0) query.Add("token", token.ToString());
        if (context.GetServiceHost() is { Service: "terminal" } && DisplayHost(context.Request.Host.Value, number) is { } host)
            return "//" + host + "/" + query.ToQueryString();
        query.Add("displayId", number);
        return "../display/" + query.ToQueryString();
    }

    /// <summary>The Host with its first label's <c>terminal[-N]</c> ending replaced by <c>display-&lt;number&gt;</c>.</summary>
    internal static string? DisplayHost(string? host, string number)
    {
        if (string.IsNullOrEmpty(host)) return null;
        var cut = host.IndexOfAny(['.', ':']);
        var label = cut < 0 ? host : host[..cut];
        var rest = cut < 0 ? "" : host[cut..];
        var at = label.LastIndexOf("terminal", StringComparison.OrdinalIgnoreCase);
        if (at < 0 || (at > 0 && label[at - 1] != '-')) return null;
        return label[..at] + "display-" + number + rest;
    }
}
