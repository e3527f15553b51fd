using System.Diagnostics;
using System.Net;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;
using HoodyKit.Core.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.ApiTests.Terminal;

/// <summary><c>desktop_env</c> (a configured desktop command started on the ready display) and the page's <c>redirect=display</c>.</summary>
public sealed class DesktopAndRedirectTests
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-desktop-home-").FullName;

    [Test, CancelAfter(20_000)]
    public async Task Desktop_env_starts_its_command_on_the_display_once_the_display_is_ready(CancellationToken ct)
    {
        var marker = Path.Combine(s_home, "desktop-started");
        var desktop = Path.Combine(s_home, "fake-startxfce4");
        File.WriteAllText(desktop, $"#!/bin/sh\necho \"$DISPLAY $HOODY_DESKTOP_ENV $PWD\" > {marker}\n");
        File.SetUnixFileMode(desktop, (UnixFileMode)0b111_101_101);
        await using var host = await StartAsync(DisplayReadiness.Ready, ct, ("Terminal:DesktopCommands:xfce", desktop));

        using var response = await host.Client.PostAsync("/api/v1/terminal/create",
            Json($$"""{"terminal_id":"131","display":"8","desktop_env":"xfce","cwd":"{{s_home}}","env":{"HOME":"{{s_home}}"} }"""), ct);
        await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That(await LaunchOptionTests.WaitForFileAsync(marker, ct), Is.EqualTo($":8 xfce {s_home}"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_desktop_that_is_not_installed_is_a_400(CancellationToken ct)
    {
        await using var host = await StartAsync(DisplayReadiness.Ready, ct, ("Terminal:DesktopCommands:mate", "/nonexistent/mate-session"));
        using var response = await host.Client.PostAsync("/api/v1/terminal/create", Json("""{"terminal_id":"132","display":"8","desktop_env":"mate"}"""), ct);
        var error = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)error["message"], Is.EqualTo("Desktop environment 'mate' is not installed (/nonexistent/mate-session not found)"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Redirect_display_creates_the_session_waits_for_the_display_and_redirects_beside_the_page(CancellationToken ct)
    {
        await using var host = await StartAsync(DisplayReadiness.Ready, ct);
        using var client = NoRedirects(host);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"/api/v1/terminal/?terminal_id=133&display=6&redirect=display&redirect_delay=1&{Home}", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("../display/?displayId=6"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "redirect_delay=1 waits a second after the display is ready");
        var sessions = await host.Client.GetFromJsonNodeAsync("/api/v1/terminal/sessions", ct);
        Assert.That(sessions.AsArray().Select(s => (int?)s!["terminal_id"]), Does.Contain(133));
    }

    [Test, CancelAfter(20_000)]
    public async Task On_a_terminal_host_redirect_display_goes_to_the_display_host_of_the_same_name(CancellationToken ct)
    {
        await using var host = await StartAsync(DisplayReadiness.Ready, ct);
        using var client = NoRedirects(host);
        using var request = HttpAssert.WithHost(HttpMethod.Get, $"/?terminal_id=134&display=:9&redirect=display&{Home}", "p1-c1-terminal-1.example.test:8080");
        using var response = await client.SendAsync(request, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("//p1-c1-display-9.example.test:8080/"));
    }

    [TestCase(DisplayReadiness.Unavailable, "redirect=display", HttpStatusCode.ServiceUnavailable, "Display :6 is not ready (unavailable)")]
    [TestCase(DisplayReadiness.TimedOut, "redirect=display&wait_timeout=1", HttpStatusCode.ServiceUnavailable, "Display :6 is not ready (timeout)")]
    [TestCase(DisplayReadiness.Ready, "redirect=elsewhere", HttpStatusCode.BadRequest, "redirect must be 'display'")]
    [TestCase(DisplayReadiness.Ready, "redirect=display&redirect_delay=-1", HttpStatusCode.BadRequest, "redirect_delay must be a whole number")]
    [CancelAfter(20_000)]
    public async Task Redirect_display_refusals(DisplayReadiness readiness, string query, HttpStatusCode status, string message, CancellationToken ct)
    {
        await using var host = await StartAsync(readiness, ct);
        using var response = await NoRedirects(host).GetAsync($"/api/v1/terminal/?terminal_id=135&display=6&{query}&{Home}", ct);
        var error = await HttpAssert.ReadJsonAsync(response, status, ct);
        Assert.That((string?)error["message"], Does.StartWith(message));
    }

    [Test, CancelAfter(20_000)]
    public async Task Redirect_display_needs_a_display(CancellationToken ct)
    {
        await using var host = await StartAsync(DisplayReadiness.Ready, ct);
        using var response = await NoRedirects(host).GetAsync($"/api/v1/terminal/?terminal_id=136&redirect=display&{Home}", ct);
        var error = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)error["message"], Is.EqualTo("redirect=display needs terminal_id and display"));
    }

    private static string Home => $"env=HOME={Uri.EscapeDataString(s_home)}";

    private static Task<KitHost> StartAsync(DisplayReadiness answer, CancellationToken ct, params (string Key, string Value)[] settings) =>
        KitHost.StartAsync(new KitHostOptions
        {
            ConfigureServices = s => s.AddSingleton<IDisplayReadiness>(new FakeDisplays(answer)),
            Settings = settings.ToDictionary(s => s.Key, s => (string?)s.Value),
        }, ct);

    private static HttpClient NoRedirects(KitHost host) => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
