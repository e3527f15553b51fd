using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>
/// The page in a real browser: headless Chromium opens it from a real host (with a token, given as
/// <c>?token=</c>), types into xterm.js and reads the rendered rows (web/test/*.mjs).
/// </summary>
public sealed class TerminalPageBrowserTests
{
    private const string Token = "browser-token";
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-page-home-").FullName;
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None, Token);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(90_000)]
    public async Task Typing_echo_hello_in_the_page_shows_hello(CancellationToken ct)
    {
        var output = await CheckAsync("test/browser.mjs", ct, "/api/v1/terminal?title=Browser%20test");
        Assert.That(output, Does.Contain("\"title\":\"Browser test\""));
        Assert.That(output, Does.Contain("\"hello\""));
    }

    [Test, CancelAfter(90_000)]
    public async Task A_read_only_page_shows_what_another_page_types_and_cannot_type(CancellationToken ct)
    {
        var output = await CheckAsync("test/shared.mjs", ct, "/api/v1/terminal/?terminal_id=71");
        Assert.That(output, Does.Contain("\"shared-42\""));
        Assert.That(output, Does.Contain("\"readonlyBadge\":true"));
    }

    [Test, CancelAfter(90_000)]
    public async Task The_side_panel_sits_beside_the_terminal_resizes_and_hides(CancellationToken ct)
    {
        const string panel = "panel=%2Fapi%2Fv1%2Fterminal%2Fassets%2Fterminal.css";
        var output = await CheckAsync("test/panel.mjs", ct,
            $"/api/v1/terminal/?terminal_id=72&{panel}",
            $"/api/v1/terminal/?terminal_id=73&{panel}&panel-position=left&panel-width=30%25");
        Assert.That(output, Does.Contain("\"frameSrc\":\"/api/v1/terminal/assets/terminal.css\""));
    }

    /// <summary>Runs a browser check on the pages at <paramref name="pages"/> (plus the token and an empty HOME) and returns its JSON line.</summary>
    private async Task<string> CheckAsync(string script, CancellationToken ct, params string[] pages)
    {
        BrowserScript.Require();
        var urls = pages.Select(page =>
        {
            var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return new Uri(_host.BaseAddress, $"{page}{separator}token={Token}&env=HOME={Uri.EscapeDataString(s_home)}").AbsoluteUri;
        }).ToArray();
        var (exitCode, output) = await BrowserScript.RunAsync(script, urls, ct);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("\"ok\":true"));
        return output;
    }
}
