using HoodyKit.Core.Errors;
using HoodyKit.Core.Integration;
using HoodyKit.Core.Metrics;
using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Supervisor.Endpoints;
using HoodyKit.Daemon.Supervisor.Logs;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.QuickStart;
using HoodyKit.Daemon.Supervisor.Running;
using HoodyKit.Daemon.Supervisor.Webhooks;
using Microsoft.AspNetCore.Http.Json;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>The <c>daemon</c> service: the program supervisor and the switchboard of the built-in modules.</summary>
public sealed class DaemonModule : IKitModule
{
    public string Name => "daemon";

    public string ServiceName => "hoody-daemon";

    public string Description => "Program supervisor: programs, quick-start programs, status, logs";

    public ErrorShape ErrorShape => ErrorShape.SuccessError;

    public IReadOnlyList<ToolProbe> Tools { get; } =
    [
        new("setsid", "util-linux", "own process group and session for each supervised program"),
        new("getent", "libc-bin", "user lookup fallback"),
    ];

    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DaemonOptions>().Bind(configuration.GetSection(DaemonOptions.Section))
            .Validate(o => o.StartSeconds >= TimeSpan.Zero && o.StopWait >= TimeSpan.Zero && o.BootTierWait >= TimeSpan.Zero,
                "Daemon: StartSeconds, StopWait and BootTierWait must not be negative")
            .Validate(o => o.StartRetries is >= 0 and <= 100, "Daemon:StartRetries must be between 0 and 100")
            .Validate(o => o.MaxRestartDelay >= TimeSpan.FromSeconds(1), "Daemon:MaxRestartDelay must be at least 1 s")
            .ValidateOnStart();
        services.AddSingleton<BuiltInPrograms>();
        services.AddSingleton<ProgramPaths>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<ProgramInputParser>();
        services.AddSingleton<ProcessLauncher>();
        services.AddSingleton<ProcessTree>();
        services.AddSingleton<ProcessStatsReader>();
        services.AddSingleton<StateChanges>();
        services.AddSingleton<ProgramSupervisor>();
        services.AddSingleton<ProgramViews>();
        services.AddSingleton<ProgramCatalog>();
        services.AddSingleton<ProgramControl>();
        services.AddSingleton<ProgramLogs>();
        services.AddSingleton<QuickStarts>();
        services.AddSingleton<IMetricsSource, DaemonMetrics>();
        services.AddSingleton<IDaemonPrograms, DaemonProgramsForModules>();
        services.AddHostedService<DaemonLifecycle>();
        services.AddHttpClient("webhooks");
        services.AddHostedService<WebhookDispatcher>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(DaemonJsonContext.Default));
    }

    public void Map(RouteGroupBuilder group)
    {
        group.MapProgramEndpoints();
        group.MapControlEndpoints();
        group.MapStatusEndpoints();
        group.MapLogEndpoints();
        group.MapQuickStartEndpoints();
    }
}
