using System.Text.Encodings.Web;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Metrics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HoodyKit.Core.Modules;

public static class KitModuleServiceCollectionExtensions
{
    /// <summary>Registers the shared kernel once: registry, metrics, error handling, Core JSON types.</summary>
    public static IServiceCollection AddKitCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KitModuleRegistry>();
        services.TryAddSingleton<KitMetrics>();
        services.TryAddSingleton<Auth.TokenValidator>();
        services.TryAddSingleton<Integration.IDisplayReadiness, Integration.NoDisplayModule>();
        services.AddApiErrors();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<KitModuleRouteConstraint>(KitModuleRouteConstraint.Name));
        services.Configure<JsonOptions>(o =>
        {
            // Bodies are JSON for API clients, never inlined in HTML: keep quotes and non-ASCII readable.
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.TypeInfoResolverChain.Add(Json.CoreJsonContext.Default);
        });
        return services;
    }

    /// <summary>Registers a module: its own services, its description and its OpenAPI document.</summary>
    public static IServiceCollection AddKitModule(this IServiceCollection services, IKitModule module, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(module);
        services.AddKitCore();
        services.AddSingleton(module);
        services.AddOpenApi(module.Name, o => o.ShouldInclude = d => string.Equals(d.GroupName, module.Name, StringComparison.Ordinal));
        module.Add(services, configuration);
        return services;
    }
}
