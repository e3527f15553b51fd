using System.Globalization;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>Uptime as <c>H:MM:SS</c> with unbounded hours (<c>49:05:01</c>), the contract's pattern.</summary>
internal static class Uptime
{
    public static string Format(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
        var hours = (long)elapsed.TotalHours;
        return string.Create(CultureInfo.InvariantCulture, $"{hours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");
    }
}
