using HoodyKit.Core.Errors;
using HoodyKit.Core.Modules;
using HoodyKit.Terminal.Commands;
using HoodyKit.Terminal.Drops;
using HoodyKit.Terminal.Endpoints;
using HoodyKit.Terminal.Models;
using HoodyKit.Terminal.Page;
using HoodyKit.Terminal.Screen;
using HoodyKit.Terminal.Sessions;
using HoodyKit.Terminal.SystemInfo;
using Microsoft.AspNetCore.Http.Json;

namespace HoodyKit.Terminal;

/// <summary>The <c>terminal</c> service: shells on real PTYs over WebSocket (ttyd's protocol), and their automation.</summary>
public sealed class TerminalModule : IKitModule
{
    public string Name => "terminal";

    public string ServiceName => "terminal";

    public string Description => "PTY shells over WebSocket, command execution, screen automation";

    public ErrorShape ErrorShape => ErrorShape.StatusCodeErrorMessage;

    public bool ServesRootPaths => true;

    public bool MapsOwnHealth => true;

    public IReadOnlyList<string> AdditionalPrefixes { get; } = ["/api/v1/system"];

    public IReadOnlyList<ToolProbe> Tools { get; } =
    [
        new("bash", "bash", "the default shell (sh otherwise)"),
        new("setpriv", "util-linux", "shells as another user"),
    ];

    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalOptions>().Bind(configuration.GetSection(TerminalOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PowerCommand), "Terminal:PowerCommand must name a command")
            .ValidateOnStart();
        services.AddSingleton<TerminalSessions>();
        services.AddSingleton<DesktopLauncher>();
        services.AddSingleton<CommandResults>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<ProcessTable>();
        services.AddSingleton<WaiterCounts>();
        services.AddSingleton<ResourceSampler>();
        services.AddSingleton<PageAssets>();
        services.AddSingleton<ScreenshotArchive>();
        services.AddOptions<DropOptions>().Bind(configuration.GetSection(DropOptions.Section))
            .Validate(o => o.MaxSliceBytes > 0, "Terminal:Drops:MaxSliceBytes must be positive")
            .Validate(o => o.MaxDropBytes > 0, "Terminal:Drops:MaxDropBytes must be positive")
            .Validate(o => o.MaxItems > 0, "Terminal:Drops:MaxItems must be positive")
            .Validate(o => o.MaxOpenDropsPerTerminal > 0, "Terminal:Drops:MaxOpenDropsPerTerminal must be positive")
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.Retention > TimeSpan.Zero, "Terminal:Drops:IdleTimeout and Retention must be positive")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1), "Terminal:Drops:SweepInterval must be at least 1 s")
            .ValidateOnStart();
        services.AddSingleton<DropDirectory>();
        services.AddSingleton<DropStore>();
        services.AddSingleton<DropUploader>();
        services.AddSingleton<DropCommitter>();
        services.AddSingleton<OneShotDrop>();
        services.AddHostedService<DropSweeper>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(SystemJsonContext.Default));
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(AutomationJsonContext.Default));
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(TerminalJsonContext.Default));
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(DropJsonContext.Default));
    }

    public void MapAdditional(string prefix, RouteGroupBuilder group) => group.MapSystemEndpoints().MapPowerEndpoints();

    public void Map(RouteGroupBuilder group)
    {
        group.MapTerminalHealth();
        group.MapPageEndpoints();
        group.MapSessionEndpoints();
        group.MapTerminalWebSocket();
        group.MapCommandEndpoints();
        group.MapAutomationEndpoints();
        group.MapScreenshot();
        group.MapDropEndpoints();
    }
}
