using HoodyKit.Terminal.Sessions;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// The launch fields a session request may carry (query string or JSON body): <c>startup_script</c>, <c>debug</c>,
/// <c>env_inject</c>, <c>desktop</c> and <c>desktop_env</c>.
/// </summary>
internal static class LaunchArgs
{
    public static readonly string[] DesktopEnvironments = ["xfce", "mate"];

    /// <param name="spec">The spec to apply them to.</param>
    /// <param name="text">A field's text, null when absent or empty.</param>
    /// <param name="flag">A boolean field: null when absent, else its value.</param>
    public static (SessionSpec Spec, string? Problem) Apply(SessionSpec spec, Func<string, string?> text, Func<string, bool?> flag)
    {
        var script = text("startup_script");
        if (script is not null && (!Path.IsPathFullyQualified(script) || !File.Exists(script)))
            return (spec, $"startup_script must be the absolute path of an existing file (got '{script}')");
        var desktopEnvironment = text("desktop_env")?.Trim().ToLowerInvariant();
        if (desktopEnvironment is not null && !DesktopEnvironments.Contains(desktopEnvironment))
            return (spec, $"desktop_env must be one of {string.Join(", ", DesktopEnvironments)} (got '{desktopEnvironment}')");
        return (spec with
        {
            StartupScript = script,
            Debug = flag("debug") ?? false,
            InjectHoodyEnvironment = flag("env_inject") ?? true,
            Desktop = desktopEnvironment is not null || (flag("desktop") ?? false),
            DesktopEnvironment = desktopEnvironment,
        }, null);
    }
}
