namespace HoodyKit.Core.Integration;

/// <summary>
/// Whether an X display (<c>:N</c>) of the display module is ready for GUI programs. The display module implements it;
/// without that module Core's <see cref="NoDisplayModule"/> answers <see cref="DisplayReadiness.Unavailable"/> at once,
/// so a terminal never waits for a display nothing will start.
/// </summary>
public interface IDisplayReadiness
{
    /// <summary>Waits until display <paramref name="number"/> is ready, at most <paramref name="timeout"/>.</summary>
    ValueTask<DisplayReadiness> WaitAsync(int number, TimeSpan timeout, CancellationToken ct);
}

public enum DisplayReadiness
{
    Ready,
    TimedOut,

    /// <summary>No display module answers for displays in this build or configuration.</summary>
    Unavailable,
}

/// <summary>The answer while no display module is present: unavailable, without waiting.</summary>
public sealed class NoDisplayModule : IDisplayReadiness
{
    public ValueTask<DisplayReadiness> WaitAsync(int number, TimeSpan timeout, CancellationToken ct) =>
        ValueTask.FromResult(DisplayReadiness.Unavailable);
}
