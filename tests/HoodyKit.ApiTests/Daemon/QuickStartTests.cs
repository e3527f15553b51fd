using System.Diagnostics;
using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>Ephemeral programs: launch, list, status, logs, stop, TTL expiry, exit, crash recovery.</summary>
public sealed class QuickStartTests : DaemonFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Launch_with_wait_runs_it_and_stop_removes_it_with_its_logs(CancellationToken ct)
    {
        var launched = await Api.PostOkAsync("/quick-start", """{"command":"sh -c 'echo ready; sleep 300'","user":"root","wait":true,"name":"job-a"}""", ct);
        var id = (string)launched["temporary_id"]!;
        Assert.That(id, Does.Match(@"^quick_\d+$"));
        Assert.That((string?)launched["status"], Is.EqualTo("running"));
        Assert.That((string?)launched["name"], Is.EqualTo("job-a"));
        Assert.That((int?)launched["pid"], Is.Not.Null);

        var list = await Api.GetOkAsync("/quick-start", ct);
        Assert.That((int?)list["count"], Is.GreaterThanOrEqualTo(1));
        var entry = list["ephemeral_programs"]!.AsArray().Single(e => (string?)e!["temporary_id"] == id)!;
        Assert.That((string?)entry["command"], Is.EqualTo("sh -c 'echo ready; sleep 300'"));

        var logs = await Api.WaitForLogsAsync($"/quick-start/{id}/logs", ct);
        Assert.That((string?)logs["logs"], Is.EqualTo("ready\n"));
        var logFile = (string)entry["stdout_logfile"]!;

        using (var stop = await Api.PostAsync($"/quick-start/{id}/stop", null, ct))
            await HttpAssert.JsonAsync(stop, HttpStatusCode.OK,
                $$"""{"success":true,"temporary_id":"{{id}}","cleaned_up":true,"message":"Program stopped and configuration removed"}""", ct);
        Assert.That(Procs.WithEnvironment($"HOODY_QUICK_START={id}"), Is.Empty);
        Assert.That(File.Exists(logFile), Is.False);
        using var gone = await Host.Client.GetAsync($"/api/v1/daemon/quick-start/{id}/status", ct);
        await HttpAssert.JsonAsync(gone, HttpStatusCode.NotFound, $$"""{"success":false,"error":"Ephemeral program with ID {{id}} not found"}""", ct);
        using var again = await Api.PostAsync($"/quick-start/{id}/stop", null, ct);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, CancelAfter(20_000)]
    public async Task Ttl_expiry_stops_and_removes_the_program(CancellationToken ct)
    {
        var launched = await Api.PostOkAsync("/quick-start", """{"command":"sleep 300","user":"root","ttl":1}""", ct);
        var id = (string)launched["temporary_id"]!;
        Assert.That((string?)launched["expires_at"], Is.Not.Null);

        while (true)
        {
            using var status = await Host.Client.GetAsync($"/api/v1/daemon/quick-start/{id}/status", ct);
            if (status.StatusCode == HttpStatusCode.NotFound) break;
            await Task.Delay(50, ct);
        }

        while (Procs.WithEnvironment($"HOODY_QUICK_START={id}").Count > 0) await Task.Delay(20, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_program_that_exits_stays_listed_as_stopped_with_its_exit_code(CancellationToken ct)
    {
        var launched = await Api.PostOkAsync("/quick-start", """{"command":"sh -c 'sleep 1.2; exit 4'","user":"root"}""", ct);
        var id = (string)launched["temporary_id"]!;
        Assert.That((string?)launched["status"], Is.EqualTo("starting"));
        while (true)
        {
            var status = await Api.GetOkAsync($"/quick-start/{id}/status", ct);
            if ((string?)status["status"] == "stopped")
            {
                Assert.That((int?)status["exit_code"], Is.EqualTo(4));
                Assert.That(status["pid"], Is.Null);
                break;
            }

            await Task.Delay(50, ct);
        }
    }

    [TestCase("""{"user":"root"}""", "Field 'command' is required and must be a non-empty string")]
    [TestCase("""{"command":"true"}""", "Field 'user' is required and must be a non-empty string")]
    [TestCase("""{"command":"true","user":"nobody-here"}""", "User \"nobody-here\" does not exist on the system")]
    [TestCase("""{"command":"true","user":"root","directory":"/opt/missing"}""", "Working directory '/opt/missing' does not exist")]
    [TestCase("""{"command":"true","user":"root","ttl":0}""", "Field 'ttl' must be between 1 and 86400")]
    [TestCase("""{"command":"true","user":"root","timeout":301}""", "Field 'timeout' must be between 1 and 300")]
    [CancelAfter(10_000)]
    public async Task Invalid_launch_is_400(string body, string error, CancellationToken ct)
    {
        using var response = await Api.PostAsync("/quick-start", body, ct);
        var json = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)json["error"], Is.EqualTo(error));
    }

    [Test, CancelAfter(10_000)]
    public async Task Logs_of_an_unknown_type_use_the_quick_start_wording(CancellationToken ct)
    {
        using var response = await Host.Client.GetAsync("/api/v1/daemon/quick-start/quick_1/logs?type=all", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid 'type' value: must be 'stdout' or 'stderr'"}""", ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_survivor_of_a_crashed_daemon_is_killed_on_the_next_start(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("hk-qs-").FullName;
        try
        {
            var marker = Guid.NewGuid().ToString("n");
            var psi = new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false };
            psi.Environment["HOODY_INSTANCE"] = marker;
            using var survivor = Process.Start(psi)!;
            var bootId = (await File.ReadAllTextAsync("/proc/sys/kernel/random/boot_id", ct)).Trim();
            Directory.CreateDirectory(Path.Combine(dataDir, "daemon"));
            await File.WriteAllTextAsync(Path.Combine(dataDir, "daemon", "ephemeral.json"),
                $$"""[{"temporary_id":"quick_1","name":"left","pid":{{survivor.Id}},"marker":"HOODY_INSTANCE={{marker}}","boot_id":"{{bootId}}","created_at":"2026-01-01T00:00:00.000Z"}]""", ct);

            await using var host = await KitHost.StartAsync(new KitHostOptions { DataDir = dataDir }, ct);

            await survivor.WaitForExitAsync(ct);
            Assert.That((int?)(await new DaemonApi(host.Client).GetOkAsync("/quick-start", ct))["count"], Is.Zero);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
