namespace HoodyKit.Terminal;

/// <summary>Terminal settings (section <c>Terminal</c>).</summary>
public sealed class TerminalOptions
{
    public const string Section = "Terminal";

    /// <summary>What <c>/api/v1/system/reboot|shutdown</c> run: called as <c>&lt;command&gt; -r|-h +M|now</c> (shutdown(8)'s syntax).</summary>
    public string PowerCommand { get; set; } = "shutdown";

    /// <summary>Where <c>/screenshot</c> saves its images, one folder per terminal (<c>&lt;dir&gt;/&lt;id&gt;/&lt;YYYY-MM-DD_HH-MM-SS&gt;.&lt;ext&gt;</c>).</summary>
    public string ScreenshotDir { get; set; } = "/hoody/storage/hoody-terminal/screenshots";

    /// <summary>Honour the page's and WebSocket's <c>arg</c> parameters as extra shell arguments (ttyd's <c>--url-arg</c>); off by default.</summary>
    public bool UrlArguments { get; set; }

    /// <summary>
    /// The command that starts each <c>desktop_env</c> on a session's display once it is ready (run as the session's
    /// user, with the shell's environment, in a session of its own; stdin and output on <c>/dev/null</c>).
    /// </summary>
    public Dictionary<string, string> DesktopCommands { get; set; } = new(StringComparer.Ordinal)
    {
        ["xfce"] = "startxfce4",
        ["mate"] = "mate-session",
    };
}
