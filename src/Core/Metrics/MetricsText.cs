using System.Globalization;
using System.Text;
using HoodyKit.Core.Health;
using HoodyKit.Core.Modules;

namespace HoodyKit.Core.Metrics;

/// <summary>Renders one service's Prometheus text exposition (format 0.0.4).</summary>
public static class MetricsText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Escapes a label value (backslash, quote, newline).</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Render(string module, KitMetrics metrics, KitModuleRegistry registry, IEnumerable<IMetricsSource> sources)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(sources);
        var text = new StringBuilder(1024);
        var label = $"service=\"{module}\"";
        Header(text, "hoody_module_up", "gauge", "1 when the module is switched on");
        Line(text, "hoody_module_up", label, registry.IsRunning(module) ? 1 : 0);

        var samples = metrics.Snapshot(module);
        Header(text, "hoody_http_requests_total", "counter", "HTTP requests answered, by method and status");
        foreach (var s in samples)
            Line(text, "hoody_http_requests_total", $"{label},method=\"{s.Method}\",status=\"{s.Status}\"", s.Count);
        Header(text, "hoody_http_request_duration_seconds", "summary", "Time spent answering HTTP requests");
        Line(text, "hoody_http_request_duration_seconds_sum", label, samples.Sum(s => s.Seconds));
        Line(text, "hoody_http_request_duration_seconds_count", label, samples.Sum(s => s.Count));

        Header(text, "process_resident_memory_bytes", "gauge", "Resident memory of the hoodykit process");
        Line(text, "process_resident_memory_bytes", "", ProcessFacts.ResidentBytes());
        if (ProcessFacts.OpenFds() is { } fds)
        {
            Header(text, "process_open_fds", "gauge", "Open file descriptors of the hoodykit process");
            Line(text, "process_open_fds", "", fds);
        }

        Header(text, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch");
        Line(text, "process_start_time_seconds", "", ProcessFacts.Started.ToUnixTimeSeconds());

        foreach (var source in sources.Where(s => s.ModuleName == module))
            source.Write(text);
        return text.ToString();
    }

    /// <summary>Appends the HELP and TYPE lines of a series.</summary>
    public static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    /// <summary>Appends one sample; <paramref name="labels"/> is the text between the braces (may be empty).</summary>
    public static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
