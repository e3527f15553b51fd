namespace HoodyKit.Terminal.Drops;

/// <summary>Drag-and-drop staging (section <c>Terminal:Drops</c>).</summary>
public sealed class DropOptions
{
    public const string Section = "Terminal:Drops";

    /// <summary>
    /// The staging folder (one subfolder per terminal, one per drop). Default: <c>/var/cache/hoodykit/drops</c> as root
    /// (reachable by every session user, unlike the 0750 data dir), else <c>&lt;data dir&gt;/terminal/drops</c>.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>The largest slice (request body) <c>/upload</c> takes, and <c>/drop</c>'s JSON body; begin reports it as <c>max_slice</c>.</summary>
    public int MaxSliceBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>All the bytes of one drop.</summary>
    public long MaxDropBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Files and folders of one drop (staged files and manifest entries).</summary>
    public int MaxItems { get; set; } = 10_000;

    /// <summary>Drops begun and not yet committed, per terminal.</summary>
    public int MaxOpenDropsPerTerminal { get; set; } = 16;

    /// <summary>A drop not committed is removed this long after its last upload.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A committed drop's files stay this long for the program that received the frame.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired drops are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
