using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>Small helpers over the daemon API for supervisor tests.</summary>
internal sealed class DaemonApi(HttpClient client)
{
    public async Task<HttpResponseMessage> PostAsync(string path, string? json, CancellationToken ct)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync("/api/v1/daemon" + path, content, ct);
    }

    public async Task<JsonNode> PostOkAsync(string path, string? json, CancellationToken ct)
    {
        using var response = await PostAsync(path, json, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    public async Task<JsonNode> GetOkAsync(string path, CancellationToken ct)
    {
        using var response = await client.GetAsync("/api/v1/daemon" + path, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    /// <summary>Adds a program as root (the test runner's user unless told otherwise) and returns its id.</summary>
    public async Task<int> AddAsync(JsonObject program, CancellationToken ct)
    {
        program["user"] ??= Environment.UserName;
        var body = await PostOkAsync("/programs/add", program.ToJsonString(), ct);
        return (int)body["id"]!;
    }

    public async Task<JsonNode> StatusAsync(int id, CancellationToken ct, string query = "") =>
        (await GetOkAsync($"/status/{id}{query}", ct))["status"]!;

    /// <summary>Polls the status until <paramref name="done"/> holds; the test's token bounds the wait.</summary>
    public async Task<JsonNode> WaitForAsync(int id, Func<JsonNode, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var status = await StatusAsync(id, ct);
            if (done(status)) return status;
            await Task.Delay(25, ct);
        }
    }

    /// <summary>Polls a logs endpoint (<c>/programs/1/logs?…</c>) until its text satisfies <paramref name="done"/> (default: not empty).</summary>
    public async Task<JsonNode> WaitForLogsAsync(string path, CancellationToken ct, Func<string, bool>? done = null)
    {
        done ??= text => text.Length > 0;
        while (true)
        {
            var logs = await GetOkAsync(path, ct);
            if (done((string)logs["logs"]!)) return logs;
            await Task.Delay(25, ct);
        }
    }

    public Task<JsonNode> WaitForStateAsync(int id, string state, CancellationToken ct) =>
        WaitForAsync(id, s => (string?)s["status"] == state, ct);
}
