using System.Globalization;
using System.Text;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>Reads /proc to check what a test's programs left behind.</summary>
internal static class Procs
{
    /// <summary>Live (non-zombie) processes whose environment holds <paramref name="entry"/>.</summary>
    public static List<int> WithEnvironment(string entry)
    {
        var needle = Encoding.UTF8.GetBytes(entry + "\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (State(pid) is null or 'Z') continue;
                var environ = File.ReadAllBytes($"/proc/{pid}/environ");
                if (environ.AsSpan().StartsWith(needle) || environ.AsSpan().IndexOf([(byte)0, .. needle]) >= 0) found.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked, or is not ours to read (PID 1)
            }
        }

        return found;
    }

    public static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Zombies whose parent is this process (the host under test runs in the test process).</summary>
    public static List<int> ZombieChildren()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var zombies = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z" && fields[1] == self) zombies.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked, or is not ours to read (PID 1)
            }
        }

        return zombies;
    }
}
