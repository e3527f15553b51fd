using System.Globalization;

namespace HoodyKit.Terminal.Sessions;

/// <summary>The <c>HOODY_*</c> variables a shell gets unless the request said <c>env_inject=false</c>.</summary>
internal static class HoodyEnvironment
{
    public static void Add(Dictionary<string, string> environment, int terminalId, SessionSpec spec)
    {
        environment["HOODY_TERMINAL_ID"] = terminalId.ToString(CultureInfo.InvariantCulture);
        if (spec.Display is { } display && !spec.Ephemeral) environment["HOODY_DISPLAY"] = display.TrimStart(':');
        if (spec.Desktop) environment["HOODY_DESKTOP"] = "1";
        if (spec.DesktopEnvironment is { } desktop) environment["HOODY_DESKTOP_ENV"] = desktop;
        if (spec.Ephemeral) environment["HOODY_EPHEMERAL"] = "1";
    }
}
