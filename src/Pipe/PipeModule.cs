using HoodyKit.Core.Errors;
using HoodyKit.Core.Metrics;
using HoodyKit.Core.Modules;
using HoodyKit.Pipe.Endpoints;
using HoodyKit.Pipe.Engine;
using HoodyKit.Pipe.Progress;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HoodyKit.Pipe;

/// <summary>The <c>pipe</c> service: streaming transfer between HTTP clients (piping-server's semantics).</summary>
public sealed class PipeModule : IKitModule
{
    public const string ModuleName = "pipe";

    /// <summary>
    /// The pipe's own clock (the host's <see cref="TimeProvider"/> unless replaced): tests move the pipe's timeouts
    /// without moving Kestrel's, which reads the host's.
    /// </summary>
    public const string ClockKey = "pipe";

    public string Name => ModuleName;

    public string ServiceName => "hoody-pipe";

    public string Description => "Streaming transfer between HTTP clients: send with POST/PUT, receive with GET";

    public ErrorShape ErrorShape => ErrorShape.PlainText;

    public bool ServesRootPaths => true;

    public bool MapsOwnHealth => true;

    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PipeOptions, PipeOptionsValidator>().Bind(configuration.GetSection(PipeOptions.Section))
            .Validate(o => o.PendingTtl > TimeSpan.Zero, "Pipe:PendingTtl must be positive")
            .Validate(o => o.TransferIdleTimeout >= TimeSpan.Zero, "Pipe:TransferIdleTimeout must be zero (off) or positive")
            .Validate(o => o.MultipartPartTimeout > TimeSpan.Zero, "Pipe:MultipartPartTimeout must be positive")
            .Validate(o => o.SpectatorMaxDuration > TimeSpan.Zero, "Pipe:SpectatorMaxDuration must be positive")
            .Validate(o => o.AbortGrace >= TimeSpan.Zero, "Pipe:AbortGrace must not be negative")
            .Validate(o => o.FinishedLinger >= TimeSpan.Zero, "Pipe:FinishedLinger must not be negative");
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<PipeHub>();
        services.AddSingleton<PipePages>();
        services.AddSingleton<SpectatorGate>();
        services.AddSingleton<ProgressStreams>();
        services.AddSingleton<IMetricsSource, PipeMetrics>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(PipeJsonContext.Default));
    }

    public void Map(RouteGroupBuilder group)
    {
        group.MapPipeHealth();
        group.MapPipeEndpoints();
    }
}
