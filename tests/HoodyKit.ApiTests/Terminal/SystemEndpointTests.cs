using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary><c>/api/v1/system/*</c> against this machine's real processes, sockets and counters.</summary>
public sealed class SystemEndpointTests : DaemonFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Processes_list_filters_sorts_and_details_a_process(CancellationToken ct)
    {
        using var sleeper = Process.Start("sleep", "311")!;
        try
        {
            var list = (await Host.Client.GetFromJsonNodeAsync("/api/v1/system/processes?filter=sleep&sort=pid", ct)).AsArray();
            var row = list.Single(p => (int?)p!["pid"] == sleeper.Id)!;
            Assert.That((string?)row["name"], Is.EqualTo("sleep"));
            Assert.That((string?)row["command"], Is.EqualTo("sleep 311"));
            Assert.That(list.Select(p => (int)p!["pid"]!), Is.Ordered);

            var details = await Host.Client.GetFromJsonNodeAsync($"/api/v1/system/processes/{sleeper.Id}", ct);
            Assert.That((int?)details["ppid"], Is.EqualTo(Environment.ProcessId));
            Assert.That((string?)details["username"], Is.EqualTo(Environment.UserName));
            Assert.That((long?)details["memory_rss"], Is.GreaterThan(0));
            Assert.That(DateTimeOffset.Parse((string)details["create_time"]!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        }
        finally
        {
            sleeper.Kill();
        }

        using var missing = await Host.Client.GetAsync("/api/v1/system/processes/999999", ct);
        Assert.That((string?)(await HttpAssert.ReadJsonAsync(missing, HttpStatusCode.NotFound, ct))["code"], Is.EqualTo("PROCESS_NOT_FOUND"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Ports_show_the_host_itself_listening(CancellationToken ct)
    {
        var ports = (await Host.Client.GetFromJsonNodeAsync($"/api/v1/system/ports?protocol=tcp&port={Host.BaseAddress.Port}", ct)).AsArray();
        var own = ports.Single()!;
        Assert.That((string?)own["address"], Is.EqualTo("127.0.0.1"));
        Assert.That((string?)own["state"], Is.EqualTo("LISTEN"));
        Assert.That((int?)own["pid"], Is.EqualTo(Environment.ProcessId));
    }

    [Test, CancelAfter(20_000)]
    public async Task Resources_report_cpu_memory_disk_and_uptime(CancellationToken ct)
    {
        var resources = await Host.Client.GetFromJsonNodeAsync("/api/v1/system/resources", ct);
        Assert.That((int?)resources["cpu"]!["cores"], Is.EqualTo(Environment.ProcessorCount));
        Assert.That(resources["cpu"]!["load_average"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((long)resources["memory"]!["total"]!, Is.GreaterThan((long)resources["memory"]!["used"]!));
        Assert.That((long?)resources["disk"]!["total"], Is.GreaterThan(0));
        Assert.That(resources["network"]!.AsArray().Select(n => (string?)n!["name"]), Does.Contain("lo"));
        Assert.That((long?)resources["uptime_seconds"], Is.GreaterThan(0));
    }

    [Test, CancelAfter(20_000)]
    public async Task Freeze_unfreeze_and_signal_a_process(CancellationToken ct)
    {
        using var sleeper = Process.Start("sleep", "312")!;
        var frozen = await PostOkAsync("/api/v1/system/processes/freeze", $$"""{"pid":{{sleeper.Id}}}""", ct);
        Assert.That((string?)frozen["signal"], Is.EqualTo("SIGSTOP"));
        Assert.That(Procs.State(sleeper.Id), Is.EqualTo('T'));
        await PostOkAsync("/api/v1/system/processes/unfreeze", $$"""{"pid":{{sleeper.Id}}}""", ct);
        Assert.That(Procs.State(sleeper.Id), Is.Not.EqualTo('T'));
        var killed = await PostOkAsync("/api/v1/system/process/signal", $$"""{"pid":{{sleeper.Id}},"signal":"TERM"}""", ct);
        Assert.That((string?)killed["signal"], Is.EqualTo("SIGTERM"));
        await sleeper.WaitForExitAsync(ct);
    }

    [TestCase("""{"signal":"TERM"}""", HttpStatusCode.BadRequest, "MISSING_TARGET")]
    [TestCase("""{"pid":1,"signal":"SIGNOPE"}""", HttpStatusCode.BadRequest, "INVALID_SIGNAL")]
    [TestCase("""{"name":"no-such-process-hk","signal":9}""", HttpStatusCode.NotFound, "PROCESS_NOT_FOUND")]
    [CancelAfter(10_000)]
    public async Task Bad_signal_requests_are_refused(string body, HttpStatusCode status, string code, CancellationToken ct)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync("/api/v1/system/process/signal", content, ct);
        Assert.That((string?)(await HttpAssert.ReadJsonAsync(response, status, ct))["code"], Is.EqualTo(code));
    }

    [Test, CancelAfter(10_000)]
    public async Task Daemon_programs_come_from_the_daemon_module(CancellationToken ct)
    {
        await new DaemonApi(Host.Client).AddAsync(new JsonObject { ["name"] = "listed-for-terminal", ["command"] = "true" }, ct);
        var programs = (await Host.Client.GetFromJsonNodeAsync("/api/v1/system/daemon", ct)).AsArray();
        Assert.That(programs.Select(p => (string?)p!["name"]), Does.Contain("listed-for-terminal"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Unknown_system_route_answers_in_the_terminal_family(CancellationToken ct)
    {
        using var response = await Host.Client.GetAsync("/api/v1/system/nope", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, """{"statusCode":404,"error":"Not Found","message":"Not found","code":"NOT_FOUND"}""", ct);
    }

    private async Task<JsonNode> PostOkAsync(string path, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync(path, content, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }
}
