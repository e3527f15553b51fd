using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>The real host with the sqlite module's database folder in a temporary directory, and request helpers.</summary>
internal sealed class SqliteHost : IAsyncDisposable
{
    private readonly KitHost _host;

    private SqliteHost(KitHost host, string databaseDir)
    {
        _host = host;
        DatabaseDir = databaseDir;
    }

    public HttpClient Client => _host.Client;

    public string DatabaseDir { get; }

    public static async Task<SqliteHost> StartAsync(CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var dir = Directory.CreateTempSubdirectory("hk-sqlite-").FullName;
        var values = new Dictionary<string, string?> { ["Sqlite:DatabaseDir"] = dir };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var host = await KitHost.StartAsync(new KitHostOptions { Settings = values, ConfigureServices = services }, ct);
        return new SqliteHost(host, dir);
    }

    public static string Url(string path) => "/api/v1/sqlite" + path;

    public Task<HttpResponseMessage> PostAsync(string path, string body, CancellationToken ct) =>
        Client.PostAsync(Url(path), new StringContent(body, Encoding.UTF8, "application/json"), ct);

    public Task<HttpResponseMessage> PutAsync(string path, string body, CancellationToken ct, string contentType = "application/json") =>
        Client.PutAsync(Url(path), new StringContent(body, Encoding.UTF8, contentType), ct);

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => Client.GetAsync(Url(path), ct);

    public Task<HttpResponseMessage> DeleteAsync(string path, CancellationToken ct) => Client.DeleteAsync(Url(path), ct);

    /// <summary>POSTs and returns the JSON body after checking the status.</summary>
    public async Task<JsonNode> PostJsonAsync(string path, string body, HttpStatusCode status, CancellationToken ct)
    {
        using var response = await PostAsync(path, body, ct);
        return await HttpAssert.ReadJsonAsync(response, status, ct);
    }

    public async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode status, CancellationToken ct)
    {
        using var response = await GetAsync(path, ct);
        return await HttpAssert.ReadJsonAsync(response, status, ct);
    }

    public async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }

    /// <summary>Creates a database with <c>POST /db/create</c> and returns its bare name.</summary>
    public async Task<string> CreateDbAsync(string name, CancellationToken ct)
    {
        using var response = await Client.PostAsync(Url($"/db/create?path={name}"), null, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync(ct));
        return name;
    }

    /// <summary>The body of a <c>GET /query</c> for <paramref name="sql"/>, base64url-encoded as a shareable link carries it.</summary>
    public static string QueryPath(string db, string sql) =>
        $"/query?db={db}&sql={Convert.ToBase64String(Encoding.UTF8.GetBytes(sql)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(DatabaseDir, recursive: true);
    }
}
