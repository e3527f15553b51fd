using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Routing;

public static class ServiceHostExtensions
{
    private static readonly object s_key = new();

    /// <summary>The service the request's Host named, if any (set by the host-routing middleware).</summary>
    public static ServiceHost? GetServiceHost(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(s_key, out var value) ? value as ServiceHost : null;
    }

    /// <summary>The instance index from the Host (<c>files-2</c> → 2) when it names <paramref name="service"/>.</summary>
    public static int? GetServiceIndex(this HttpContext context, string service) =>
        context.GetServiceHost() is { } host && host.Service == service ? host.Index : null;

    internal static void SetServiceHost(this HttpContext context, ServiceHost host) => context.Items[s_key] = host;
}
