using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace HoodyKit.Core.Health;

/// <summary>Facts about this process read from <c>/proc</c> and the executable, for health and metrics.</summary>
public static class ProcessFacts
{
    private static readonly Lazy<DateTimeOffset> s_started = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero);
    });

    private static readonly Lazy<DateTimeOffset?> s_built = new(() =>
    {
        var exe = Environment.ProcessPath;
        return exe is not null && File.Exists(exe) ? new DateTimeOffset(File.GetLastWriteTimeUtc(exe), TimeSpan.Zero) : null;
    });

    public static int Pid => Environment.ProcessId;

    public static DateTimeOffset Started => s_started.Value;

    /// <summary>The executable's modification time: when this build was installed.</summary>
    public static DateTimeOffset? Built => s_built.Value;

    public static string Version { get; } =
        typeof(ProcessFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>Resident set size in bytes (<c>/proc/self/statm</c> field 2 × page size).</summary>
    public static long ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            return Environment.WorkingSet;
        }
    }

    /// <summary>Open file descriptors (entries of <c>/proc/self/fd</c>); null where /proc is missing.</summary>
    public static int? OpenFds()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Managed heap size: the GC's figure after a collection, else the bytes allocated and live so far.</summary>
    public static long HeapBytes() => GC.GetGCMemoryInfo().HeapSizeBytes is > 0 and var size ? size : GC.GetTotalMemory(forceFullCollection: false);

    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
