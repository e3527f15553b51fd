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
