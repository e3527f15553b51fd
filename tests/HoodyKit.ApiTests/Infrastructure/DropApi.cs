using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>The terminal's drag-and-drop endpoints over real HTTP, as a client would call them.</summary>
internal sealed class DropApi(HttpClient client)
{
    public async Task<JsonNode> BeginAsync(int terminalId, CancellationToken ct)
    {
        using var response = await client.PostAsync($"/api/v1/terminal/drop-begin?terminal_id={terminalId}", null, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    public Task<HttpResponseMessage> UploadAsync(JsonNode begun, string path, long offset, byte[] bytes, CancellationToken ct, string? token = null) =>
        UploadAsync((string)begun["drop"]!, token ?? (string)begun["token"]!, path, offset, new ByteArrayContent(bytes), ct);

    public async Task<HttpResponseMessage> UploadAsync(string drop, string token, string path, long offset, HttpContent body, CancellationToken ct)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (body)
        {
            return await client.PostAsync(
                $"/api/v1/terminal/upload?drop={drop}&token={Uri.EscapeDataString(token)}&path={Uri.EscapeDataString(path)}&offset={offset}", body, ct);
        }
    }

    public async Task<JsonNode> UploadOkAsync(JsonNode begun, string path, long offset, byte[] bytes, CancellationToken ct)
    {
        using var response = await UploadAsync(begun, path, offset, bytes, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    public async Task<HttpResponseMessage> CommitAsync(JsonNode begun, string manifest, CancellationToken ct, string? token = null, string? query = null)
    {
        using var content = new StringContent(manifest, Encoding.UTF8, "application/json");
        return await client.PostAsync(
            $"/api/v1/terminal/drop-commit?drop={(string)begun["drop"]!}&token={Uri.EscapeDataString(token ?? (string)begun["token"]!)}{query}", content, ct);
    }

    public async Task<HttpResponseMessage> OneShotAsync(int terminalId, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync($"/api/v1/terminal/drop?terminal_id={terminalId}", content, ct);
    }

    /// <summary>The code of a JSON error, after checking its status.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct) =>
        (string?)(await HttpAssert.ReadJsonAsync(response, status, ct))["code"];
}
