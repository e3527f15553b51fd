using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HoodyKit.Pipe;

/// <summary>Settings of the pipe service (section <c>Pipe</c>).</summary>
public sealed class PipeOptions
{
    public const string Section = "Pipe";

    /// <summary>How long an unestablished pipe waits for its counterpart before it is evicted.</summary>
    public TimeSpan PendingTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An established transfer whose sender sends nothing for this long fails; zero (the default) never.</summary>
    public TimeSpan TransferIdleTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Unestablished pipes, server-wide (429 beyond).</summary>
    [Range(1, 1_000_000)]
    public int MaxPending { get; set; } = 1000;

    /// <summary>Streaming transfers, server-wide (429 beyond).</summary>
    [Range(1, 1_000_000)]
    public int MaxActive { get; set; } = 1000;

    /// <summary>How long a multipart sender may take to reach its first file part before receivers get an empty body.</summary>
    public TimeSpan MultipartPartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A sender cut off (no receiver left, or none came) gets its last line, then its unread body is discarded for up to
    /// this long before the connection is closed, so the line is not lost to a TCP reset.
    /// </summary>
    public TimeSpan AbortGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Progress spectators per path.</summary>
    [Range(1, 100_000)]
    public int MaxSpectatorsPerPath { get; set; } = 50;

    /// <summary>Paths watched by spectators at once.</summary>
    [Range(1, 100_000)]
    public int MaxSpectatorGroups { get; set; } = 500;

    /// <summary>The longest one progress connection stays open.</summary>
    public TimeSpan SpectatorMaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a finished transfer's figures stay readable for late spectators.</summary>
    public TimeSpan FinishedLinger { get; set; } = TimeSpan.FromSeconds(30);
}

[OptionsValidator]
internal sealed partial class PipeOptionsValidator : IValidateOptions<PipeOptions>;
