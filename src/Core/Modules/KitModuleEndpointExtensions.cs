using HoodyKit.Core.Errors;
using HoodyKit.Core.Health;
using HoodyKit.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.Core.Modules;

public static class KitModuleEndpointExtensions
{
    /// <summary>
    /// Maps every registered module under its prefix with its error family, plus the per-service
    /// health, metrics and OpenAPI documents.
    /// </summary>
    public static IEndpointRouteBuilder MapKitModules(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.ServiceProvider.GetRequiredService<KitModuleRegistry>();
        foreach (var module in registry.Modules)
        {
            var group = app.MapGroup(module.Prefix)
                .WithErrorShape(module.ErrorShape)
                .WithMetadata(new KitModuleMetadata(module.Name))
                .WithGroupName(module.Name)
                .WithTags(module.Name);
            if (!module.MapsOwnHealth)
                group.MapHealth(module.Name);
            group.MapMetrics(module.Name);
            module.Map(group);
            foreach (var prefix in module.AdditionalPrefixes)
            {
                var extra = app.MapGroup(prefix)
                    .WithErrorShape(module.ErrorShape)
                    .WithMetadata(new KitModuleMetadata(module.Name))
                    .WithGroupName(module.Name)
                    .WithTags(module.Name);
                module.MapAdditional(prefix, extra);
            }
        }

        app.MapOpenApi("/api/v1/{documentName:" + KitModuleRouteConstraint.Name + "}/openapi.json")
            .WithMetadata(new KitModuleMetadata("openapi", Anonymous: true, AnswersWhenStopped: true));
        app.MapOpenApi("/api/v1/{documentName:" + KitModuleRouteConstraint.Name + "}/openapi.yaml")
            .WithMetadata(new KitModuleMetadata("openapi", Anonymous: true, AnswersWhenStopped: true));
        return app;
    }
}
