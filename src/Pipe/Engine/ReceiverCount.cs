using System.Globalization;

namespace HoodyKit.Pipe.Engine;

/// <summary>The <c>n</c> query parameter: absent means 1; otherwise a plain decimal integer from 1 to 256.</summary>
internal static class ReceiverCount
{
    public const int Max = 256;

    public static bool TryParse(string? value, out int n)
    {
        n = 1;
        if (value is null) return true;
        if (value.Length is 0 or > 3) return false;
        foreach (var c in value)
            if (c is < '0' or > '9') return false;
        n = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return n is >= 1 and <= Max;
    }
}
