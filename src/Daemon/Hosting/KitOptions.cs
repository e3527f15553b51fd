using Serilog.Events;

namespace HoodyKit.Daemon.Hosting;

/// <summary>
/// The host's settings as configured (defaults &lt; /etc/hoodykit/hoodykit.json &lt; HOODYKIT__… &lt; flags),
/// before <see cref="HostSettingsResolver"/> validates and resolves them.
/// </summary>
public sealed class KitOptions
{
    /// <summary>Comma-separated listen addresses: <c>ADDR:PORT</c> or <c>unix:/path</c>.</summary>
    public string Listen { get; set; } = "127.0.0.1:7700";

    /// <summary>Defaults to /var/lib/hoodykit as root, else $XDG_DATA_HOME/hoodykit.</summary>
    public string? DataDir { get; set; }

    /// <summary>Defaults to /var/log/hoodykit as root, else &lt;data dir&gt;/logs.</summary>
    public string? LogDir { get; set; }

    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    /// <summary><c>all</c>, or a comma-separated list of modules that start switched on (daemon always does).</summary>
    public string Modules { get; set; } = "all";

    /// <summary>Allows a non-loopback listen address without a token.</summary>
    public bool InsecureNoAuth { get; set; }

    public KitLogOptions Log { get; set; } = new();
}

public sealed class KitLogOptions
{
    public LogEventLevel Level { get; set; } = LogEventLevel.Information;

    /// <summary>Console lines as compact JSON instead of text.</summary>
    public bool Json { get; set; }

    /// <summary>Also write a daily rolling file <c>hoodykit-YYYYMMDD.log</c> in the log dir.</summary>
    public bool File { get; set; }

    public int RetainedFiles { get; set; } = 7;
}
