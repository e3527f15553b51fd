using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HoodyKit.Core.Health;

public static class HealthEndpoints
{
    /// <summary>Maps the standard health body at <c>/health</c> of a module's group: open, answered while stopped.</summary>
    public static RouteGroupBuilder MapHealth(this RouteGroupBuilder group, string module)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/health", (HttpContext context, KitModuleRegistry registry) => GetHealth(context, registry, module))
            .WithMetadata(new KitModuleMetadata(module, Anonymous: true, AnswersWhenStopped: true));
        return group;
    }

    /// <summary>Builds the standard body for <paramref name="module"/> as seen by this request.</summary>
    public static HealthBody Build(HttpContext context, KitModuleRegistry registry, string module)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(registry);
        var description = registry.Find(module) ?? throw new ArgumentException($"Unknown module '{module}'", nameof(module));
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new HealthBody(
            "ok",
            description.ServiceName,
            ProcessFacts.Built is { } built ? ProcessFacts.Iso(built) : null,
            ProcessFacts.Iso(ProcessFacts.Started),
            new HealthMemory(ProcessFacts.ResidentBytes(), ProcessFacts.HeapBytes()),
            ProcessFacts.OpenFds(),
            ProcessFacts.Pid,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            userAgent.Length == 0 ? null : userAgent,
            ProcessFacts.Version,
            registry.IsRunning(module),
            registry.Tools(module).ToDictionary(t => t.Probe.Command, t => t.Found, StringComparer.Ordinal));
    }

    private static Ok<HealthBody> GetHealth(HttpContext context, KitModuleRegistry registry, string module) =>
        TypedResults.Ok(Build(context, registry, module));
}
