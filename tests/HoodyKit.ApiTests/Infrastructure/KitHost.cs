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
    private readonly bool _ownsDataDir;

    private KitHost(WebApplication app, string dataDir, bool ownsDataDir)
    {
        _app = app;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDir { get; }

    /// <summary>The host's services (a module's engine, to wait on its state rather than sleep).</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<KitHost> StartAsync(CancellationToken ct, string? token = null, params IKitModule[] extraModules) =>
        StartAsync(new KitHostOptions { Token = token, ExtraModules = extraModules }, ct);

    public static async Task<KitHost> StartAsync(KitHostOptions host, CancellationToken ct)
    {
        var ownsDataDir = host.DataDir is null;
        var dataDir = host.DataDir ?? Directory.CreateTempSubdirectory("hk-api-").FullName;
        var token = host.Token;
        var extraModules = host.ExtraModules;
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
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Daemon:ProgramLogDir"] = Path.Combine(dataDir, "program-logs"),
            ["Daemon:StopWait"] = "00:00:03",
            ["Terminal:ScreenshotDir"] = Path.Combine(dataDir, "screenshots"),
            ["Terminal:Drops:Directory"] = Path.Combine(dataDir, "drops"),
        };
        foreach (var (key, value) in host.Settings) values[key] = value; // a test's own settings win over these
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var app = HoodyKitApp.Create(settings, configuration, modules, host.ConfigureServices);
        await app.StartAsync(ct);
        return new KitHost(app, dataDir, ownsDataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDataDir) Directory.Delete(DataDir, recursive: true);
    }
}

internal sealed record KitHostOptions
{
    public string? Token { get; init; }

    /// <summary>An existing data dir (kept after dispose), to restart a host on the same state.</summary>
    public string? DataDir { get; init; }

    public IKitModule[] ExtraModules { get; init; } = [];

    /// <summary>Services to add or replace after the modules' own (a fake <see cref="TimeProvider"/>, …).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Configuration keys, e.g. <c>Daemon:StartRetries</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
