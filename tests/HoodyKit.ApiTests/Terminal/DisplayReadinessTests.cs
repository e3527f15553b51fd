using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;
using HoodyKit.Core.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>Display readiness goes through Core's <see cref="IDisplayReadiness"/>: unavailable without a display module, else awaited.</summary>
public sealed class DisplayReadinessTests
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-term-home-").FullName;

    [Test, CancelAfter(20_000)]
    public async Task Without_a_display_module_a_display_session_is_created_at_once_as_unavailable(CancellationToken ct)
    {
        await using var host = await KitHost.StartAsync(new KitHostOptions(), ct);
        var reply = await CreateAsync(host, """{"terminal_id":"91","display":"7","wait_timeout":300}""", ct);
        Assert.That((reply["display"]?.GetValue<string>(), (bool?)reply["display_ready"], (string?)reply["display_status"]),
            Is.EqualTo((":7", (bool?)false, "unavailable")));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_display_module_is_asked_for_the_sessions_display_with_the_requested_timeout(CancellationToken ct)
    {
        var displays = new FakeDisplays(DisplayReadiness.Ready);
        await using var host = await KitHost.StartAsync(new KitHostOptions { ConfigureServices = s => s.AddSingleton<IDisplayReadiness>(displays) }, ct);

        var ready = await CreateAsync(host, """{"terminal_id":"92","display":":3","wait_timeout":5}""", ct);
        Assert.That(((bool?)ready["display_ready"], (string?)ready["display_status"]), Is.EqualTo(((bool?)true, "ready")));
        Assert.That(displays.Calls, Is.EqualTo(new[] { (3, TimeSpan.FromSeconds(5)) }));

        var skipped = await CreateAsync(host, """{"terminal_id":"93","display":"4","wait_until_display":false}""", ct);
        Assert.That(skipped["display_ready"], Is.Null);
        var ephemeral = await CreateAsync(host, """{"ephemeral":true,"display":"4"}""", ct);
        Assert.That(ephemeral["display_ready"], Is.Null, "an ephemeral session has no display");
        Assert.That(displays.Calls, Has.Count.EqualTo(1));
    }

    [Test, CancelAfter(20_000)]
    public async Task Execute_in_a_display_session_waits_for_the_display_at_most_10_s_unless_told_not_to(CancellationToken ct)
    {
        var displays = new FakeDisplays(DisplayReadiness.TimedOut);
        await using var host = await KitHost.StartAsync(new KitHostOptions { ConfigureServices = s => s.AddSingleton<IDisplayReadiness>(displays) }, ct);
        await CreateAsync(host, """{"terminal_id":"94","display":"5","wait_until_display":false}""", ct);

        await ExecuteAsync(host, "terminal_id=94&display_wait_timeout=600", ct);
        await ExecuteAsync(host, "terminal_id=94&skip_display_wait=true", ct);
        Assert.That(displays.Calls, Is.EqualTo(new[] { (5, TimeSpan.FromSeconds(10)) }), "capped at 10 s; skipped the second time");
    }

    private static async Task<JsonNode> CreateAsync(KitHost host, string body, CancellationToken ct)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json["env"] = new JsonObject { ["HOME"] = s_home };
        using var response = await host.Client.PostAsync("/api/v1/terminal/create", new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    private static async Task ExecuteAsync(KitHost host, string query, CancellationToken ct)
    {
        using var response = await host.Client.PostAsync($"/api/v1/terminal/execute?{query}",
            new StringContent("""{"command":"echo shown","timeout":10}""", Encoding.UTF8, "application/json"), ct);
        var reply = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((string?)reply["output"], Does.Contain("shown"));
    }
}
