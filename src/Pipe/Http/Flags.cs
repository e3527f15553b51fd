namespace HoodyKit.Pipe.Http;

/// <summary>Presence flags in the query (<c>?download</c>, <c>?progress</c>, <c>?video</c>): on unless false, no or 0.</summary>
internal static class Flags
{
    public static bool IsOff(string value) =>
        value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase) || value == "0";

    /// <summary>True when the query names <paramref name="name"/> with any value but false, no or 0.</summary>
    public static bool IsOn(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !IsOff(values.ToString());
}
