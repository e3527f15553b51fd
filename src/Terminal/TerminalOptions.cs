namespace HoodyKit.Terminal;

/// <summary>Terminal settings (section <c>Terminal</c>).</summary>
public sealed class TerminalOptions
{
    public const string Section = "Terminal";

    /// <summary>What <c>/api/v1/system/reboot|shutdown</c> run: called as <c>&lt;command&gt; -r|-h +M|now</c> (shutdown(8)'s syntax).</summary>
    public string PowerCommand { get; set; } = "shutdown";
}
