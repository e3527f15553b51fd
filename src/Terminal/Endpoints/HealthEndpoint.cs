using HoodyKit.Core.Health;
using HoodyKit.Core.Modules;
using HoodyKit.Terminal.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoodyKit.Terminal.Endpoints;

internal static class HealthEndpoint
{
    public static RouteGroupBuilder MapTerminalHealth(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealth).WithMetadata(new KitModuleMetadata("terminal", Anonymous: true, AnswersWhenStopped: true));
        return api;
    }

    private static Ok<TerminalHealth> GetHealth(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return TypedResults.Ok(new TerminalHealth("healthy", "terminal", ProcessFacts.Version,
            (long)(now - ProcessFacts.Started).TotalSeconds, ProcessFacts.Iso(now), new HealthDatabase("ok", 0), new HealthDaemon("ok"),
            new HealthMemoryUse(ProcessFacts.ResidentBytes(), total), Directory.GetDirectories("/proc/self/task").Length));
    }
}
