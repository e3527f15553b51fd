using System.Net.Sockets;
using HoodyKit.Core.Hosting;
using HoodyKit.Core.Modules;
using Serilog;

namespace HoodyKit.Daemon.Hosting;

/// <summary>Builds the one hoodykit web application: Kestrel on the configured addresses, Serilog, systemd, every module.</summary>
public static class HoodyKitApp
{
    public static WebApplication Create(HostSettings settings, IConfiguration configuration, IReadOnlyList<IKitModule> modules,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(modules);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(log => KitLogging.Configure(log, settings));
        builder.Services.AddSystemd();
        // 64 KiB buffers for Kestrel: streams need 16x fewer receive calls (see LargeBlockMemoryPool)
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var address in settings.Listen) Listen(kestrel, address);
        });

        builder.Services.AddSingleton(settings.Kit);
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        builder.Services.AddKitCore();
        foreach (var module in modules) builder.Services.AddKitModule(module, configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseKitPipeline();
        app.MapKitModules();
        return app;
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, ListenAddress address)
    {
        if (address.UnixPath is { } path)
        {
            RemoveStaleSocket(path);
            kestrel.ListenUnixSocket(path);
        }
        else if (address.IsLocalhostName)
        {
            kestrel.ListenLocalhost(address.Port);
        }
        else
        {
            kestrel.Listen(address.Address!, address.Port);
        }
    }

    /// <summary>A socket file left by a previous run blocks the bind; remove it when nothing answers on it.</summary>
    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path)) return;
        if (new FileInfo(path).Length > 0) throw new IOException($"'{path}' exists and is not a socket");
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }

        throw new IOException($"'{path}' is in use by another process");
    }
}
