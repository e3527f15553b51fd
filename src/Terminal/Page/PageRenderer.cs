using System.Globalization;
using System.Net;
using System.Text;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// Fills the page template: the title (escaped), the asset versions, and the validated display options as
/// <c>data-*</c> attributes on <c>&lt;body&gt;</c>, which the script reads. Everything inserted is HTML-encoded.
/// </summary>
internal static class PageRenderer
{
    public const string DefaultTitle = "Hoody Terminal";

    public static string Render(PageAssets assets, PageView view)
    {
        var attributes = new StringBuilder();
        if (view.Title is { } title) Attribute(attributes, "data-title", title);
        if (view.FontSize is { } size) Attribute(attributes, "data-font-size", size.ToString(CultureInfo.InvariantCulture));
        if (view.BackgroundColor is { } color) Attribute(attributes, "data-background", color);
        if (view.ReadOnly) Attribute(attributes, "data-readonly", null);
        if (view.HideToolbar) Attribute(attributes, "data-hide-toolbar", null);
        if (view.Welcome) Attribute(attributes, "data-welcome", null);
        if (view.Panel is { } panel)
        {
            Attribute(attributes, "data-panel", panel.Url);
            Attribute(attributes, "data-panel-position", panel.Position);
            Attribute(attributes, "data-panel-width", panel.Width);
            Attribute(attributes, "data-panel-height", panel.Height);
            if (!panel.Visible) Attribute(attributes, "data-panel-hidden", null);
            if (!panel.Resizable) Attribute(attributes, "data-panel-fixed", null);
        }

        return assets.Template
            .Replace("{{title}}", WebUtility.HtmlEncode(view.Title ?? DefaultTitle), StringComparison.Ordinal)
            .Replace("{{attributes}}", attributes.ToString(), StringComparison.Ordinal)
            .Replace("{{js-version}}", assets.Script.Version, StringComparison.Ordinal)
            .Replace("{{css-version}}", assets.StyleSheet.Version, StringComparison.Ordinal);
    }

    private static void Attribute(StringBuilder attributes, string name, string? value)
    {
        attributes.Append(' ').Append(name);
        if (value is not null) attributes.Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
    }
}
