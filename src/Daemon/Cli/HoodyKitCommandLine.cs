using System.CommandLine;
using HoodyKit.Core.Health;
using HoodyKit.Daemon.Hosting;

namespace HoodyKit.Daemon.Cli;

/// <summary>
/// <c>hoodykit [--listen ADDR:PORT|unix:PATH]... [--data-dir D] [--log-dir L] [--token T | --token-file F]
/// [--modules a,b] [--config FILE] [--insecure-no-auth]</c>, <c>hoodykit check</c> and <c>hoodykit --version</c>.
/// Flags become the top configuration layer.
/// </summary>
internal static class HoodyKitCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var listen = new Option<string[]>("--listen") { Description = "Address to serve on: ADDR:PORT or unix:/path (repeatable; default 127.0.0.1:7700)", Recursive = true, Arity = ArgumentArity.ZeroOrMore };
        var dataDir = new Option<string?>("--data-dir") { Description = "State folder (default /var/lib/hoodykit as root)", Recursive = true };
        var logDir = new Option<string?>("--log-dir") { Description = "Log folder (default /var/log/hoodykit as root)", Recursive = true };
        var token = new Option<string?>("--token") { Description = "Bearer token required on every call but health", Recursive = true };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the bearer token", Recursive = true };
        var modules = new Option<string?>("--modules") { Description = "Modules to start: all, or a comma-separated list", Recursive = true };
        var config = new Option<string?>("--config") { Description = $"Configuration file (default {KitConfiguration.DefaultFile})", Recursive = true };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Allow a non-loopback --listen without a token", Recursive = true };

        var root = new RootCommand("HoodyKit: the container's services and program supervisor over HTTP")
        {
            listen, dataDir, logDir, token, tokenFile, modules, config, insecure,
        };
        var check = new Command("check", "Validate the configuration and report each module's optional tools");
        root.Subcommands.Add(check);

        Invocation? invocation = null;
        Invocation Capture(ParseResult r, bool isCheck)
        {
            var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (r.GetValue(listen) is { Length: > 0 } addresses) flags["Listen"] = string.Join(',', addresses);
            if (r.GetValue(dataDir) is { } d) flags["DataDir"] = d;
            if (r.GetValue(logDir) is { } l) flags["LogDir"] = l;
            if (r.GetValue(token) is { } t) flags["Token"] = t;
            if (r.GetValue(tokenFile) is { } f) flags["TokenFile"] = f;
            if (r.GetValue(modules) is { } m) flags["Modules"] = m;
            if (r.GetValue(insecure)) flags["InsecureNoAuth"] = "true";
            return new Invocation(isCheck, r.GetValue(config), flags);
        }

        root.SetAction(r => { invocation = Capture(r, isCheck: false); });
        check.SetAction(r => { invocation = Capture(r, isCheck: true); });
        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        if (invocation is null || exit != 0) return exit; // help, version or a parse error, already printed
        return await ExecuteAsync(invocation);
    }

    private static async Task<int> ExecuteAsync(Invocation invocation)
    {
        var modules = BuiltInModules.Create();
        IConfigurationRoot configuration;
        KitOptions options;
        try
        {
            configuration = KitConfiguration.Build(invocation.ConfigFile, invocation.Flags);
            options = KitConfiguration.BindKitOptions(configuration);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or InvalidOperationException or FormatException)
        {
            return Fail(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message);
        }

        if (HostSettingsResolver.Resolve(options, [.. modules.Select(m => m.Name)], out var problem) is not { } settings)
            return Fail(problem!);
        if (invocation.IsCheck) return CheckCommand.Run(settings, modules, Console.Out);

        try
        {
            await using var app = HoodyKitApp.Create(settings, configuration, modules);
            await app.RunAsync();
            return 0;
        }
        catch (IOException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"hoodykit {ProcessFacts.Version}: {message.ReplaceLineEndings(" ")}");
        return 1;
    }

    private sealed record Invocation(bool IsCheck, string? ConfigFile, IReadOnlyDictionary<string, string?> Flags);
}
