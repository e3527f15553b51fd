using HoodyKit.Terminal.Page;

namespace HoodyKit.UnitTests.Terminal;

/// <summary>The panel's URL and size rules, and where <c>redirect=display</c> points on a terminal Host.</summary>
public sealed class PageOptionTests
{
    [TestCase("https://docs.example.com/a?b=1", "https://docs.example.com/a?b=1")]
    [TestCase("http://localhost:3000", "http://localhost:3000/")]
    [TestCase("/api/v1/display/", "/api/v1/display/")]
    [TestCase("javascript:alert(1)", null)]
    [TestCase("data:text/html,<b>x</b>", null)]
    [TestCase("//evil.example/x", null)]
    [TestCase("/\\evil.example", null)]
    [TestCase("file:///etc/passwd", null)]
    [TestCase("docs.example.com", null)]
    [TestCase("  ", null)]
    public void Panel_urls_are_http_or_same_origin_paths(string raw, string? expected) =>
        Assert.That(PanelQuery.Url(raw), Is.EqualTo(expected));

    [TestCase("400", "400px")]
    [TestCase("250px", "250px")]
    [TestCase(" 30% ", "30%")]
    [TestCase("100%", "100%")]
    [TestCase("101%", null)]
    [TestCase("0", null)]
    [TestCase("-5px", null)]
    [TestCase("12em", null)]
    [TestCase("calc(100% - 1px)", null)]
    public void Panel_sizes_are_pixels_or_percentages(string raw, string? expected) =>
        Assert.That(PanelQuery.Size(raw), Is.EqualTo(expected));

    [Test]
    public void A_same_origin_panel_needs_no_extra_frame_source() =>
        Assert.That((new PanelView("/x", "right", "1px", "1px", true, true).FrameOrigin,
                new PanelView("https://a.example:8443/p?q", "right", "1px", "1px", true, true).FrameOrigin),
            Is.EqualTo(((string?)null, "https://a.example:8443")));

    [TestCase("p1-c1-terminal-1.srv.example", "p1-c1-display-6.srv.example")]
    [TestCase("terminal.localhost:7700", "display-6.localhost:7700")]
    [TestCase("terminal-2", "display-6")]
    [TestCase("myterminal-1.example", null)]
    [TestCase("files-1.example", null)]
    public void The_display_host_replaces_the_terminal_label(string host, string? expected) =>
        Assert.That(DisplayLocation.DisplayHost(host, "6"), Is.EqualTo(expected));
}
