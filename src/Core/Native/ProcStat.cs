using System.Globalization;

namespace HoodyKit.Core.Native;

/// <summary>One process as <c>/proc/&lt;pid&gt;/stat</c> describes it (fields split after the last ')').</summary>
public sealed partial record ProcStat(int Pid, string Name, char State, int Ppid, int Pgrp, int Sid,
    long UserTicks, long SystemTicks, int Threads, long StartTicks, long RssPages)
{
    private static readonly Lazy<long> s_bootTime = new(() =>
    {
        foreach (var line in File.ReadLines("/proc/stat"))
            if (line.StartsWith("btime ", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6), CultureInfo.InvariantCulture);
        return 0;
    });

    /// <summary>Clock ticks per second of the /proc times (100 on Debian amd64).</summary>
    public static long ClockTicks { get; } = SysConf(2) is > 0 and var ticks ? ticks : 100;

    /// <summary>When the process started (boot time + starttime ticks).</summary>
    public DateTimeOffset StartedAt => DateTimeOffset.FromUnixTimeMilliseconds((s_bootTime.Value * 1000) + (StartTicks * 1000 / ClockTicks));

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or not ours to read
        }

        return Parse(text);
    }

    public static ProcStat? Parse(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var f = text[(close + 2)..].Split(' ');
        if (f.Length < 22) return null;
        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
        // f[0] is field 3 (state); field n is f[n - 3].
        return new ProcStat(
            int.Parse(text.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture),
            text[(open + 1)..close],
            f[0][0],
            (int)L(f[1]), (int)L(f[2]), (int)L(f[3]),
            L(f[11]), L(f[12]), (int)L(f[17]), L(f[19]), L(f[21]));
    }

    public static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) yield return pid;
    }

    /// <summary>The whole <c>KEY=value</c> entry of a process's environment that starts with <paramref name="prefix"/>, or null.</summary>
    public static string? EnvironmentEntry(int pid, string prefix)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or not ours to read
        }

        var needle = System.Text.Encoding.UTF8.GetBytes(prefix);
        var span = environ.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)0);
            var entry = end < 0 ? span : span[..end];
            if (entry.StartsWith(needle)) return System.Text.Encoding.UTF8.GetString(entry);
            span = end < 0 ? [] : span[(end + 1)..];
        }

        return null;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
