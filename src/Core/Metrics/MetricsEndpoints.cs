using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HoodyKit.Core.Metrics;

public static class MetricsEndpoints
{
    /// <summary>Maps <c>/metrics</c> (Prometheus text) on a module's group; answered while the module is stopped.</summary>
    public static RouteGroupBuilder MapMetrics(this RouteGroupBuilder group, string module)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/metrics", (KitMetrics metrics, KitModuleRegistry registry, IEnumerable<IMetricsSource> sources) =>
                TypedResults.Text(MetricsText.Render(module, metrics, registry, sources), MetricsText.ContentType))
            .WithMetadata(new KitModuleMetadata(module, AnswersWhenStopped: true));
        return group;
    }
}
