using System.Net;
using System.Net.Http.Headers;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Host;

public sealed class AuthTests
{
    private const string Token = "t0ken-for-tests";
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None, Token, new WidgetsModule());

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Call_without_token_is_401_in_the_daemon_family(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/programs", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Unauthorized, """{"success":false,"error":"Unauthorized"}""", ct);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Call_without_token_is_401_in_another_service_family(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/widgets/things", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Unauthorized, """{"code":"UNAUTHORIZED","message":"Unauthorized","details":null}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_route_without_token_is_401_not_404(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync("/api/v1/daemon/secret/route", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("/api/v1/daemon/health")]
    [TestCase("/api/v1/widgets/health")]
    [CancelAfter(10_000)]
    public async Task Health_stays_open(string path, CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync(path, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(10_000)]
    public async Task Bearer_token_is_accepted(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/daemon/programs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _host.Client.SendAsync(request, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(10_000)]
    public async Task Token_query_parameter_is_accepted_for_websocket_clients(CancellationToken ct)
    {
        using var response = await _host.Client.GetAsync($"/api/v1/daemon/programs?token={Token}", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("wrong")]
    [TestCase(Token + "x")]
    [TestCase("t0ken-for-test")]
    [CancelAfter(10_000)]
    public async Task Wrong_token_is_refused(string presented, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/daemon/programs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", presented);
        using var response = await _host.Client.SendAsync(request, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
