namespace HoodyKit.Core.Modules;

/// <summary>Finds executables on PATH, like <c>command -v</c>.</summary>
public static class ToolLocator
{
    public static string? Find(string command, string? pathVariable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command.Contains('/', StringComparison.Ordinal))
            return IsExecutable(command) ? command : null;
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, command);
            if (IsExecutable(candidate)) return candidate;
        }

        return null;
    }

    public static ToolStatus Probe(ToolProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new ToolStatus(probe, Find(probe.Command));
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file)) return false;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
