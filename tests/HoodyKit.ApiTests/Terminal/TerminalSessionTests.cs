using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>Real shells on real PTYs through a real WebSocket client.</summary>
public sealed class TerminalSessionTests : DaemonFixture
{
    /// <summary>An empty HOME: login shells read no personal profile, so the machine's dotfiles cannot slow or break the tests.</summary>
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-term-home-").FullName;

    private static string Query(string query) => $"{query}&env=HOME={Uri.EscapeDataString(s_home)}";

    [Test, CancelAfter(20_000)]
    public async Task Join_sequence_then_typed_input_is_echoed_and_run(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=11"), ct);
        Assert.That(tty.SubProtocol, Is.EqualTo("tty"));
        await tty.SendInputAsync("echo hello-$((6*7))\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("hello-42", ct), Is.True, tty.Output);
        Assert.That(tty.Frames.Take(4).Select(f => f.Opcode), Is.EqualTo(new[] { '2', '3', '4', '1' }));
        Assert.That(tty.Frames[1].Payload, Is.EqualTo("11"));
        Assert.That(tty.Frames[2].Payload, Is.EqualTo("bash"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Resize_reaches_the_program_as_the_terminal_size(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=12"), ct);
        await tty.SendResizeAsync(132, 40, ct);
        await tty.SendInputAsync("echo size=$(tput cols)x$(tput lines)\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("size=132x40", ct), Is.True, tty.Output);
    }

    [Test, CancelAfter(20_000)]
    public async Task Shell_exit_code_is_reported_and_the_socket_closes(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=13"), ct);
        await tty.SendInputAsync("exit 3\r", ct);
        Assert.That(await tty.ReadUntilAsync(_ => false, ct), Is.False, "the socket closes when the shell exits");
        var sessions = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/sessions", ct);
        var session = sessions.AsArray().Single(s => (int?)s!["terminal_id"] == 13)!;
        Assert.That((string?)session["status"], Is.EqualTo("exited"));
        Assert.That((int?)session["exit_code"], Is.EqualTo(3));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_second_client_gets_a_replay_and_then_shares_live_output(CancellationToken ct)
    {
        await using var first = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=14"), ct);
        await first.SendInputAsync("echo before-join\r", ct);
        Assert.That(await first.ReadUntilContainsAsync("before-join\r\n", ct), Is.True);

        await using var second = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=14&readonly=true"), ct);
        Assert.That(await second.ReadUntilContainsAsync("before-join", ct), Is.True, "the join replays recent output");
        await second.SendInputAsync("echo from-readonly\r", ct);
        await first.SendInputAsync("echo after-join\r", ct);
        Assert.That(await second.ReadUntilContainsAsync("after-join\r\n", ct), Is.True);
        Assert.That(second.Output, Does.Not.Contain("from-readonly"), "readonly clients cannot type");
    }

    [Test, CancelAfter(20_000)]
    public async Task Delete_kills_the_whole_process_group(CancellationToken ct)
    {
        await using (var tty = await TtyClient.ConnectAsync(Host.BaseAddress, Query("terminal_id=15"), ct))
        {
            await tty.SendInputAsync("sleep 301 & sleep 302 & echo started-$((1+1))\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync("started-2", ct), Is.True);
        }

        Assert.That(Procs.WithEnvironment("HOODY_TERMINAL_ID=15"), Has.Count.GreaterThanOrEqualTo(3));
        using var response = await Host.Client.DeleteAsync("/api/v1/terminal/15", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.OK, """{"status":"deleted","terminal_id":15}""", ct);
        while (Procs.WithEnvironment("HOODY_TERMINAL_ID=15").Count > 0) await Task.Delay(20, ct);
        Assert.That(Procs.ZombieChildren(), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Invalid_terminal_id_is_refused_before_the_upgrade(CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(Host.BaseAddress) { Scheme = "ws", Path = "/api/v1/terminal/ws", Query = "terminal_id=0" }.Uri;
        Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, ct));
        Assert.That(socket.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test, CancelAfter(10_000)]
    public async Task Create_is_idempotent_and_validates_the_id(CancellationToken ct)
    {
        var created = await PostJsonAsync("/api/v1/terminal/create", """{"terminal_id":"21","cols":100,"rows":30}""", HttpStatusCode.OK, ct);
        Assert.That((string?)created["status"], Is.EqualTo("created"));
        Assert.That((int?)created["terminal_id"], Is.EqualTo(21));
        var again = await PostJsonAsync("/api/v1/terminal/create", """{"terminal_id":21}""", HttpStatusCode.OK, ct);
        Assert.That((string?)again["status"], Is.EqualTo("exists"));
        Assert.That((int?)again["pid"], Is.EqualTo((int?)created["pid"]));

        var bad = await PostJsonAsync("/api/v1/terminal/create", """{"terminal_id":"65536"}""", HttpStatusCode.BadRequest, ct);
        Assert.That(bad.ToJsonString(), Is.EqualTo("""{"statusCode":400,"error":"Bad Request","message":"Terminal ID must be numeric 1-65535","code":"INVALID_TERMINAL_ID"}"""));
        var ephemeral = await PostJsonAsync("/api/v1/terminal/create", """{"ephemeral":true}""", HttpStatusCode.OK, ct);
        Assert.That((int?)ephemeral["terminal_id"], Is.InRange(40000, 65535));
        using var missing = await Host.Client.DeleteAsync("/api/v1/terminal/999", ct);
        await HttpAssert.JsonAsync(missing, HttpStatusCode.NotFound,
            """{"statusCode":404,"error":"Not Found","message":"Terminal session not found","code":"SESSION_NOT_FOUND"}""", ct);
    }

    [Test, CancelAfter(60_000)]
    public async Task Fifty_sessions_come_and_go_without_leaking_processes_or_descriptors(CancellationToken ct)
    {
        var before = PtyDescriptors();
        var ids = Enumerable.Range(100, 50).ToList();
        await Task.WhenAll(ids.Select(id => PostJsonAsync("/api/v1/terminal/create", $$$"""{"terminal_id":{{{id}}},"env":{"HOME":"{{{s_home}}}"}}""", HttpStatusCode.OK, ct)));
        foreach (var id in ids)
            using (var response = await Host.Client.DeleteAsync($"/api/v1/terminal/{id}", ct)) Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        foreach (var id in ids)
            while (Procs.WithEnvironment($"HOODY_TERMINAL_ID={id}").Count > 0) await Task.Delay(20, ct);
        Assert.That(Procs.ZombieChildren(), Is.Empty);
        Assert.That(PtyDescriptors(), Is.EqualTo(before), "every PTY master is closed");
    }

    [Test, CancelAfter(10_000)]
    public async Task Health_keeps_the_terminal_guide_shape(CancellationToken ct)
    {
        var health = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/health", ct);
        Assert.That(health.AsObject().Select(p => p.Key), Is.EqualTo(new[]
            { "status", "service", "version", "uptime_seconds", "timestamp", "database", "daemon", "memory", "goroutines" }));
        Assert.That((string?)health["status"], Is.EqualTo("healthy"));
        Assert.That((string?)health["service"], Is.EqualTo("terminal"));
    }

    /// <summary>Open PTY masters of this process (the host under test runs in it).</summary>
    private static int PtyDescriptors() =>
        Directory.GetFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget == "/dev/ptmx");

    private async Task<JsonNode> PostJsonAsync(string path, string json, HttpStatusCode status, CancellationToken ct)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync(path, content, ct);
        return await HttpAssert.ReadJsonAsync(response, status, ct);
    }
}
