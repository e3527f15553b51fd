using System.Globalization;
using HoodyKit.Core.Integration;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>How sessions and commands wait for a display (design/terminal.md §3), through Core's <see cref="IDisplayReadiness"/>.</summary>
internal static class DisplayWait
{
    /// <summary>The display number of <c>:N</c>, <c>:N.S</c> or <c>host:N</c>; null when there is none.</summary>
    public static int? Number(string? display)
    {
        if (display is null) return null;
        var colon = display.LastIndexOf(':');
        if (colon < 0) return null;
        var digits = display[(colon + 1)..].Split('.')[0];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>A requested wait in seconds, where a missing, zero, negative or too large value means <paramref name="cap"/>.</summary>
    public static TimeSpan Timeout(int? seconds, int fallback, int cap) =>
        TimeSpan.FromSeconds(seconds is null ? fallback : seconds <= 0 || seconds > cap ? cap : seconds.Value);

    public static string Status(DisplayReadiness readiness) => readiness switch
    {
        DisplayReadiness.Ready => "ready",
        DisplayReadiness.TimedOut => "timeout",
        _ => "unavailable",
    };
}
