using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HoodyKit.Daemon.Hosting;

/// <summary>hoodykit's own logs (Serilog): console text or compact JSON, plus an optional daily rolling file.</summary>
internal static class KitLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void Configure(LoggerConfiguration log, HostSettings settings)
    {
        log.MinimumLevel.Is(settings.Log.Level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // A failed start (port in use, bad socket path) is reported by the command line as one clear line.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .Enrich.FromLogContext();
        if (settings.Log.Json) log.WriteTo.Console(new CompactJsonFormatter());
        else log.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (settings.Log.File)
        {
            log.WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(settings.Kit.LogDir, "hoodykit-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: settings.Log.RetainedFiles,
                fileSizeLimitBytes: 50L * 1024 * 1024,
                rollOnFileSizeLimit: true);
        }
    }
}
