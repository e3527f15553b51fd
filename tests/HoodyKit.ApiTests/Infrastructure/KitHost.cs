using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>The whole hoodykit host, in process, on a real Kestrel port on 127.0.0.1 (port 0: the OS picks).</summary>
internal sealed class KitHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KitHost(WebApplication app, string dataDir)
    {
        _app = app;
        DataDir = dataDir;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDir { get; }

    public static async Task<KitHost> StartAsync(CancellationToken ct, string? token = null, params IKitModule[] extraModules)
    {
        var dataDir = Directory.CreateTempSubdirectory("hk-api-").FullName;
        var options = new KitOptions
        {
            Listen = "127.0.0.1:0",
            DataDir = dataDir,
            LogDir = Path.Combine(dataDir, "logs"),
            Token = token,
            Log = { Level = LogEventLevel.Warning },
        };
        var modules = BuiltInModules.Create().Concat(extraModules).ToList();
        var settings = HostSettingsResolver.Resolve(options, [.. modules.Select(m => m.Name)], out var problem)
            ?? throw new InvalidOperationException(problem);
        var app = HoodyKitApp.Create(settings, new ConfigurationBuilder().Build(), modules);
        await app.StartAsync(ct);
        return new KitHost(app, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }
}
