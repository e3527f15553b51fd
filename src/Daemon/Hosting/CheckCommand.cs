using HoodyKit.Core.Health;
using HoodyKit.Core.Modules;

namespace HoodyKit.Daemon.Hosting;

/// <summary><c>hoodykit check</c>: the resolved settings, each module's optional tools, and whether the data dir is usable.</summary>
public static class CheckCommand
{
    public static int Run(HostSettings settings, IReadOnlyList<IKitModule> modules, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(output);
        var ok = true;
        output.WriteLine($"hoodykit {ProcessFacts.Version}");
        output.WriteLine($"  listen:   {string.Join(", ", settings.Listen)}");
        output.WriteLine($"  auth:     {(settings.Kit.Token is null ? "off (no token)" : "bearer token")}");
        ok &= ReportFolder(output, "data dir", settings.Kit.DataDir);
        output.WriteLine($"  log dir:  {settings.Kit.LogDir}");
        foreach (var module in modules)
        {
            var on = settings.Kit.IsEnabledAtStart(module.Name) ? "on" : "off";
            output.WriteLine($"module {module.Name} ({on}): {module.Prefix}");
            foreach (var tool in module.Tools.Select(ToolLocator.Probe))
            {
                var where = tool.Path ?? "MISSING";
                output.WriteLine($"  {tool.Probe.Command,-12} {where,-28} {tool.Probe.Package}: {tool.Probe.Feature}");
            }
        }

        output.WriteLine(ok ? "configuration OK" : "configuration has problems");
        return ok ? 0 : 1;
    }

    private static bool ReportFolder(TextWriter output, string label, string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        var writable = IsWritable(existing);
        output.WriteLine($"  {label}: {folder} ({(writable ? "writable" : "NOT writable")})");
        return writable;
    }

    private static bool IsWritable(string folder)
    {
        var probe = Path.Combine(folder, $".hoodykit-check-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
