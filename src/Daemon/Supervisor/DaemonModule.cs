using HoodyKit.Core.Errors;
using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Supervisor.Endpoints;
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
        services.AddSingleton<BuiltInPrograms>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(DaemonJsonContext.Default));
    }

    public void Map(RouteGroupBuilder group)
    {
        group.MapProgramEndpoints();
        group.MapControlEndpoints();
        group.MapStatusEndpoints();
    }
}
