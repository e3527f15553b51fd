namespace HoodyKit.Core.Hosting;

/// <summary>Resolved host settings every module may read (validated before the host starts).</summary>
/// <param name="DataDir">Root of module state; each module owns <c>DataDir/&lt;module&gt;</c>.</param>
/// <param name="LogDir">Where hoodykit and supervised programs write logs.</param>
/// <param name="Token">Bearer token; null when auth is off.</param>
/// <param name="EnabledModules">Modules that start switched on; null means all.</param>
public sealed record KitSettings(string DataDir, string LogDir, string? Token, IReadOnlySet<string>? EnabledModules)
{
    /// <summary>The folder a module keeps its state in (created on demand).</summary>
    public string ModuleDataDir(string module) => Path.Combine(DataDir, module);

    public bool IsEnabledAtStart(string module) => EnabledModules is null || EnabledModules.Contains(module);
}
