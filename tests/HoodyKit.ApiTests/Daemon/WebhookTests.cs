using System.Text.Json.Nodes;
using System.Threading.Channels;
using HoodyKit.ApiTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>Webhooks reach a real HTTP receiver with the configured headers, only for the subscribed events.</summary>
public sealed class WebhookTests
{
    [Test, CancelAfter(30_000)]
    public async Task Subscribed_transitions_are_posted_with_headers_and_others_are_not(CancellationToken ct)
    {
        var received = Channel.CreateUnbounded<(JsonNode Body, string? Header)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            await received.Writer.WriteAsync((body!, request.Headers["X-Secret"].ToString()));
            return Results.Ok();
        });
        await receiver.StartAsync(ct);
        var url = receiver.Urls.First() + "/hook";

        await using var host = await KitHost.StartAsync(new KitHostOptions(), ct);
        var api = new DaemonApi(host.Client);
        var id = await api.AddAsync(new JsonObject
        {
            ["name"] = "hooked",
            ["command"] = "sleep 300",
            ["webhooks"] = new JsonObject
            {
                ["enabled"] = true,
                ["urls"] = new JsonArray(url),
                ["events"] = new JsonArray("RUNNING", "STOPPED"),
                ["headers"] = new JsonObject { ["X-Secret"] = "s3" },
            },
        }, ct);

        var pid = (int)(await api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct))["instance"]!["pid"]!;
        var running = await received.Reader.ReadAsync(ct);
        Assert.That((string?)running.Body["event"], Is.EqualTo("RUNNING"));
        Assert.That((string?)running.Body["from_state"], Is.EqualTo("STARTING"));
        Assert.That((int?)running.Body["program"]!["id"], Is.EqualTo(id));
        Assert.That((string?)running.Body["program"]!["name"], Is.EqualTo("hooked"));
        Assert.That((int?)running.Body["pid"], Is.EqualTo(pid));
        Assert.That(running.Header, Is.EqualTo("s3"));

        await api.PostOkAsync($"/programs/{id}/stop", null, ct);
        var stopped = await received.Reader.ReadAsync(ct);
        Assert.That((string?)stopped.Body["event"], Is.EqualTo("STOPPED"), "STOPPING is not subscribed, so STOPPED comes next");
        Assert.That((string?)stopped.Body["from_state"], Is.EqualTo("STOPPING"));
    }
}
