namespace HoodyKit.Terminal.Page;

/// <summary>
/// The page's side panel (<c>panel</c>, <c>panel-visible</c>, <c>panel-position</c>, <c>panel-width</c>,
/// <c>panel-height</c>, <c>panel-resizable</c>): an iframe of <see cref="Url"/> beside the terminal.
/// </summary>
internal sealed record PanelView(string Url, string Position, string Width, string Height, bool Visible, bool Resizable)
{
    public const string DefaultPosition = "right";
    public const string DefaultWidth = "400px";
    public const string DefaultHeight = "300px";

    /// <summary>The origin the page's CSP must allow frames from: null for a same-origin (<c>/…</c>) panel.</summary>
    public string? FrameOrigin =>
        !Url.StartsWith('/') && Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
