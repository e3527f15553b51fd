using System.Security.Cryptography;
using System.Text;

namespace HoodyKit.Terminal.Page;

/// <summary>
/// The terminal page's files, embedded into this assembly at build time from <c>web/dist</c>
/// (see HoodyKit.Terminal.csproj): the HTML template and the script and style sheet it loads.
/// </summary>
internal sealed class PageAssets
{
    private const string ResourcePrefix = "HoodyKit.Terminal.Page.";
    private readonly Dictionary<string, PageAsset> _files;

    public PageAssets()
    {
        Template = Encoding.UTF8.GetString(Load("index.html"));
        _files = new Dictionary<string, PageAsset>(StringComparer.Ordinal)
        {
            ["terminal.js"] = Create("terminal.js", "text/javascript; charset=utf-8"),
            ["terminal.css"] = Create("terminal.css", "text/css; charset=utf-8"),
        };
    }

    /// <summary>The page's HTML with its <c>{{…}}</c> placeholders (filled by <see cref="PageRenderer"/>).</summary>
    public string Template { get; }

    public PageAsset Script => _files["terminal.js"];

    public PageAsset StyleSheet => _files["terminal.css"];

    public PageAsset? Find(string name) => _files.GetValueOrDefault(name);

    private static PageAsset Create(string name, string contentType)
    {
        var content = Load(name);
        return new PageAsset(name, content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The terminal page's {name} is not embedded: the web/ build did not run");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
