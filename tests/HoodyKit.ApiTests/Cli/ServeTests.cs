using System.Net;
using System.Net.Sockets;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Cli;

/// <summary>The real executable serving: TCP and unix-socket listeners, environment configuration, graceful stop.</summary>
public sealed class ServeTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hk-serve-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test, CancelAfter(30_000)]
    public async Task Serves_health_then_stops_cleanly_on_sigterm(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        await using var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", _dir, "--log-dir", _dir]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await kit.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/daemon/health", ct)).StatusCode == HttpStatusCode.OK, ct);

        await kit.TerminateAsync(ct);

        Assert.That(await kit.WaitForExitAsync(ct), Is.Zero, kit.Output);
        Assert.That(kit.Output, Does.Contain("daemon GET /api/v1/daemon/health -> 200"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Listen_address_can_come_from_the_environment(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        await using var kit = KitProcess.Start(["--data-dir", _dir], new Dictionary<string, string> { ["HOODYKIT__Listen"] = $"127.0.0.1:{port}" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await kit.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/daemon/health", ct)).IsSuccessStatusCode, ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task Json_log_file_records_each_request_when_enabled(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        var logs = Path.Combine(_dir, "logs");
        await using var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", _dir, "--log-dir", logs],
            new Dictionary<string, string> { ["HOODYKIT__Log__File"] = "true" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await kit.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/daemon/programs", ct)).IsSuccessStatusCode, ct);
        await kit.TerminateAsync(ct);
        Assert.That(await kit.WaitForExitAsync(ct), Is.Zero);

        var file = Directory.GetFiles(logs, "hoodykit-*.log").Single();
        var lines = await File.ReadAllLinesAsync(file, ct);
        var request = lines.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).First(l => (string?)l["Route"] == "/api/v1/daemon/programs");
        Assert.That((string?)request["Service"], Is.EqualTo("daemon"));
        Assert.That((int?)request["StatusCode"], Is.EqualTo(200));
        Assert.That((double?)request["ElapsedMs"], Is.GreaterThan(0));
    }

    [Test, CancelAfter(30_000)]
    public async Task Token_from_a_file_protects_the_api_but_not_health(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        var tokenFile = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(tokenFile, "from-file\n", ct);
        await using var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", _dir, "--token-file", tokenFile]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await kit.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/daemon/health", ct)).IsSuccessStatusCode, ct);

        using var refused = await client.GetAsync("/api/v1/daemon/programs", ct);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/daemon/programs");
        request.Headers.Authorization = new("Bearer", "from-file");
        using var accepted = await client.SendAsync(request, ct);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(30_000)]
    public async Task Serves_on_a_unix_socket(CancellationToken ct)
    {
        var socket = Path.Combine(_dir, "hk.sock");
        await using var kit = KitProcess.Start(["--listen", "unix:" + socket, "--data-dir", _dir]);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
        await kit.WaitUntilAsync(async () => File.Exists(socket) && (await client.GetAsync("/api/v1/daemon/health", ct)).IsSuccessStatusCode, ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task Port_in_use_stops_with_one_clear_line(CancellationToken ct)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", _dir]);
        Assert.That(await kit.WaitForExitAsync(ct), Is.EqualTo(1));
        Assert.That(kit.Output, Does.Contain("address already in use").IgnoreCase);
        Assert.That(kit.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(1), kit.Output);
    }
}
