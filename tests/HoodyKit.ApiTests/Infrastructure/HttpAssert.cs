using System.Net;
using System.Text.Json.Nodes;

namespace HoodyKit.ApiTests.Infrastructure;

internal static class HttpAssert
{
    /// <summary>Asserts status, a JSON content type and the exact body.</summary>
    public static async Task JsonAsync(HttpResponseMessage response, HttpStatusCode status, string body, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(text, Is.EqualTo(body));
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return JsonNode.Parse(text) ?? throw new AssertionException("JSON null body");
    }

    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        return await ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    public static HttpRequestMessage WithHost(HttpMethod method, string path, string host)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return request;
    }
}
