using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>The web terminal's HTTP side: redirects, the rendered page and its options, the embedded assets, auth.</summary>
public sealed partial class TerminalPageTests
{
    private const string Token = "page-token";
    private KitHost _host = null!;
    private HttpClient _client = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await KitHost.StartAsync(CancellationToken.None, Token);
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        _anonymous.Dispose();
        await _host.DisposeAsync();
    }

    [Test, CancelAfter(10_000)]
    public async Task Page_without_terminal_id_redirects_to_the_lowest_free_id_keeping_the_query(CancellationToken ct)
    {
        using var response = await _client.GetAsync("/api/v1/terminal/?shell=bash&env=A=1&env=B=2&readonly", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("?terminal_id=1&shell=bash&env=A%3D1&env=B%3D2&readonly="));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [TestCase("/api/v1/terminal?terminal_id=7&title=x", "./terminal/?terminal_id=7&title=x")]
    [TestCase("/api/v1/terminal?fontSize=9", "./terminal/?terminal_id=1&fontSize=9")]
    [TestCase("/api/v1/terminal/?terminal_id=0", "?terminal_id=1")]
    [CancelAfter(10_000)]
    public async Task Page_urls_are_normalised_by_a_relative_redirect(string path, string location, CancellationToken ct)
    {
        using var response = await _client.GetAsync(path, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(location));
    }

    [TestCase("/", "?terminal_id=4")]
    [TestCase("/?title=t", "?terminal_id=4&title=t")]
    [CancelAfter(10_000)]
    public async Task Terminal_host_root_redirects_to_the_hosts_index(string path, string location, CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, path, "p1-c1-terminal-4.srv.example");
        using var response = await _client.SendAsync(request, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(location));
    }

    [Test, CancelAfter(10_000)]
    public async Task Terminal_host_root_serves_the_page(CancellationToken ct)
    {
        using var request = HttpAssert.WithHost(HttpMethod.Get, "/?terminal_id=4", "p1-c1-terminal-4.srv.example");
        using var response = await _client.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("<script src=\"assets/terminal.js?v="));
    }

    [Test, CancelAfter(10_000)]
    public async Task Page_is_html_with_relative_versioned_assets_and_protective_headers(CancellationToken ct)
    {
        using var response = await _client.GetAsync("/api/v1/terminal/?terminal_id=2", ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<title>Hoody Terminal</title>"));
        Assert.That(html, Does.Match("<script src=\"assets/terminal\\.js\\?v=[0-9a-f]{16}\"></script>"));
        Assert.That(html, Does.Match("<link rel=\"stylesheet\" href=\"assets/terminal\\.css\\?v=[0-9a-f]{16}\">"));
        Assert.That(html, Does.Contain("<body>"), "no options asked for: no data attributes");
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"));
    }

    [TestCase("<script>alert(1)</script><b>Prod</b> & \"db\" 'x'", "alert(1)Prod &amp; &quot;db&quot; &#39;x&#39;")]
    [TestCase("  build   server  ", "build server")]
    [TestCase("a < b", "a &lt; b")]
    [CancelAfter(10_000)]
    public async Task Title_has_tags_stripped_and_is_html_escaped(string title, string expected, CancellationToken ct)
    {
        var html = await PageAsync("title=" + Uri.EscapeDataString(title), ct);
        Assert.That(html, Does.Contain($"<title>{expected}</title>"));
        Assert.That(html, Does.Contain($"<span id=\"toolbar-title\">{expected}</span>"));
        Assert.That(html, Does.Contain($"data-title=\"{expected}\""));
    }

    [Test, CancelAfter(10_000)]
    public async Task Title_is_cut_to_200_characters_and_a_title_of_tags_alone_is_the_default(CancellationToken ct)
    {
        var html = await PageAsync("title=" + new string('t', 300), ct);
        Assert.That(html, Does.Contain($"<title>{new string('t', 200)}</title>"));
        html = await PageAsync("title=" + Uri.EscapeDataString("<i></i>"), ct);
        Assert.That(html, Does.Contain("<title>Hoody Terminal</title>"));
        Assert.That(html, Does.Not.Contain("data-title"));
    }

    [TestCase("16", "16")]
    [TestCase("16px", "16")]
    [TestCase("20PX", "20")]
    [TestCase("4", "8")]
    [TestCase("100", "72")]
    [TestCase("abc", null)]
    [TestCase("12.5", null)]
    [TestCase("-3", null)]
    [CancelAfter(10_000)]
    public async Task Font_size_is_clamped_to_8_72_and_dropped_when_not_a_number(string fontSize, string? expected, CancellationToken ct)
    {
        var html = await PageAsync("fontSize=" + Uri.EscapeDataString(fontSize), ct);
        Assert.That(Attribute(html, "data-font-size"), Is.EqualTo(expected));
    }

    [TestCase("#1E1E1E", "#1e1e1e")]
    [TestCase("#abc", "#abc")]
    [TestCase("#11223344", "#11223344")]
    [TestCase("1e1e1e", "#1e1e1e")]
    [TestCase("Navy", "navy")]
    [TestCase("rebeccapurple", "rebeccapurple")]
    [TestCase("#12345", null)]
    [TestCase("#ggg", null)]
    [TestCase("notacolor", null)]
    [TestCase("red;\"><script>alert(1)</script>", null)]
    [CancelAfter(10_000)]
    public async Task Background_color_accepts_hex_and_css_names_and_drops_anything_else(string color, string? expected, CancellationToken ct)
    {
        var html = await PageAsync("backgroundColor=" + Uri.EscapeDataString(color), ct);
        Assert.That(Attribute(html, "data-background"), Is.EqualTo(expected));
        Assert.That(html, Does.Not.Contain("<script>alert"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Flags_become_body_attributes(CancellationToken ct)
    {
        var html = await PageAsync("readonly&hide-toolbar=true&welcome=1", ct);
        Assert.That(html, Does.Contain("<body data-readonly data-hide-toolbar data-welcome>"));
        html = await PageAsync("readonly=false&hide-toolbar=0", ct);
        Assert.That(html, Does.Contain("<body>"));
    }

    [TestCase("terminal_id=abc", "INVALID_TERMINAL_ID")]
    [TestCase("terminal_id=70000", "INVALID_TERMINAL_ID")]
    [TestCase("terminal_id=3&env=NOEQUALS", "INVALID_PARAMETERS")]
    [TestCase("terminal_id=3&cmd=%25%25", "INVALID_PARAMETERS")]
    [CancelAfter(10_000)]
    public async Task Bad_session_parameters_are_a_json_400(string query, string code, CancellationToken ct)
    {
        using var response = await _client.GetAsync("/api/v1/terminal/?" + query, ct);
        var body = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)body["code"], Is.EqualTo(code));
    }

    [TestCase("terminal.js", "text/javascript; charset=utf-8")]
    [TestCase("terminal.css", "text/css; charset=utf-8")]
    [CancelAfter(10_000)]
    public async Task Assets_are_served_with_their_type_an_etag_and_long_caching_for_the_linked_version(string name, string type, CancellationToken ct)
    {
        var html = await PageAsync("", ct);
        var link = Regex.Match(html, $"assets/{Regex.Escape(name)}\\?v=([0-9a-f]+)");
        Assert.That(link.Success, Is.True);
        using var response = await _anonymous.GetAsync("/api/v1/terminal/" + link.Value, ct);
        var content = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo(type));
        Assert.That(content, Has.Length.GreaterThan(1000));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{link.Groups[1].Value}\""));
        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task An_asset_without_its_version_is_revalidated_by_etag(CancellationToken ct)
    {
        using var first = await _anonymous.GetAsync("/api/v1/terminal/assets/terminal.js", ct);
        Assert.That(first.Headers.CacheControl?.NoCache, Is.True);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/terminal/assets/terminal.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await _anonymous.SendAsync(request, ct);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_asset_is_a_json_404(CancellationToken ct)
    {
        using var response = await _anonymous.GetAsync("/api/v1/terminal/assets/index.html", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound,
            """{"statusCode":404,"error":"Not Found","message":"No such page asset","code":"NOT_FOUND"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task The_page_needs_the_token_and_takes_it_from_the_query(CancellationToken ct)
    {
        using var refused = await _anonymous.GetAsync("/api/v1/terminal/?terminal_id=2", ct);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var wrong = await _anonymous.GetAsync("/api/v1/terminal/?terminal_id=2&token=nope", ct);
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var allowed = await _anonymous.GetAsync($"/api/v1/terminal/?terminal_id=2&token={Token}", ct);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<string> PageAsync(string query, CancellationToken ct)
    {
        using var response = await _client.GetAsync("/api/v1/terminal/?terminal_id=2&" + query, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return html;
    }

    private static string? Attribute(string html, string name)
    {
        var match = Regex.Match(html, $"<body[^>]* {Regex.Escape(name)}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }
}
