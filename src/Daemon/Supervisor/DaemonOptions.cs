namespace HoodyKit.Daemon.Supervisor;

/// <summary>Supervisor settings (section <c>Daemon</c>); the defaults are supervisord's.</summary>
public sealed class DaemonOptions
{
    public const string Section = "Daemon";

    /// <summary>Where program logs go by default: /var/log/hoody as root, else &lt;log dir&gt;/programs.</summary>
    public string? ProgramLogDir { get; set; }

    /// <summary>How long a process must stay up to count as RUNNING (supervisord startsecs).</summary>
    public TimeSpan StartSeconds { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after failed starts before FATAL (supervisord startretries): waits of 1, 2, 3 s.</summary>
    public int StartRetries { get; set; } = 3;

    /// <summary>Grace between TERM and KILL when stopping (supervisord stopwaitsecs).</summary>
    public TimeSpan StopWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a boot priority tier may take to reach RUNNING before the next tier starts.</summary>
    public TimeSpan BootTierWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Cap of the exponential restart delay after crashes of a program that had been RUNNING.</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a quick-start program that exited stays listed (and keeps its logs).</summary>
    public TimeSpan QuickStartGrace { get; set; } = TimeSpan.FromMinutes(5);
}
