using System.Globalization;
using System.Text.Json.Nodes;
using HoodyKit.Core.Health;
using HoodyKit.Core.Modules;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>The sqlite health body (its documented shape), <c>/health/cache</c>, and the documented <c>openapi.json</c> redirect.</summary>
internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapSqliteHealth(this RouteGroupBuilder group)
    {
        group.MapGet("/health", Health).WithMetadata(new KitModuleMetadata("sqlite", Anonymous: true, AnswersWhenStopped: true));
        group.MapGet("/health/cache", (DatabaseCache cache) => JsonBody.From(Cache(cache)))
            .WithMetadata(new KitModuleMetadata("sqlite", Anonymous: true, AnswersWhenStopped: true));
        // documented as a redirect to the YAML document (relative Location: behind any proxy prefix)
        group.MapGet("/openapi.json", () => Results.Redirect("openapi.yaml"))
            .ExcludeFromDescription()
            .WithMetadata(new KitModuleMetadata("sqlite", Anonymous: true, AnswersWhenStopped: true));
        return group;
    }

    private static JsonBody Health(DatabaseCache cache, SqliteCounters counters, KitModuleRegistry registry) => JsonBody.From(new JsonObject
    {
        ["status"] = "ok",
        ["service"] = "sqlite",
        ["built"] = ProcessFacts.Built is { } built ? ProcessFacts.Iso(built) : null,
        ["started"] = ProcessFacts.Iso(ProcessFacts.Started),
        ["pid"] = ProcessFacts.Pid,
        ["version"] = ProcessFacts.Version,
        ["running"] = registry.IsRunning("sqlite"),
        ["sqlite_version"] = SqliteHandle.LibraryVersion(),
        ["memory"] = new JsonObject
        {
            ["rss_bytes"] = ProcessFacts.ResidentBytes(),
            ["heap_used_bytes"] = GC.GetTotalMemory(false),
            ["heap_total_bytes"] = GC.GetGCMemoryInfo().HeapSizeBytes,
        },
        ["fds"] = new JsonObject { ["open"] = ProcessFacts.OpenFds(), ["limit"] = FdLimit() },
        ["cache"] = Cache(cache),
        ["counters"] = new JsonObject
        {
            ["requests_total"] = counters.Requests,
            ["errors_total"] = counters.Errors,
            ["kv_ops_total"] = counters.KvOps,
        },
    });

    private static JsonObject Cache(DatabaseCache cache)
    {
        var s = cache.Snapshot();
        return new JsonObject
        {
            ["entries"] = s.Entries,
            ["size_bytes"] = s.SizeBytes,
            ["capacity_bytes"] = s.Capacity * 2_048_000L,
            ["capacity_entries"] = s.Capacity,
            ["hit_ratio"] = Math.Round(s.HitRatio, 4),
            ["evictions_total"] = s.EvictionsTotal,
            ["last_evicted_at"] = s.LastEvictedAt is { } at ? ProcessFacts.Iso(at) : null,
        };
    }

    /// <summary>The soft limit of open files from <c>/proc/self/limits</c>; null when unreadable or unlimited.</summary>
    private static long? FdLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }
        catch (IOException)
        {
            return null;
        }

        return null;
    }
}
