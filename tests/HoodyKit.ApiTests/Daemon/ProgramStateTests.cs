using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>State that outlives a request: programs.json across host restarts, reset, logs and their rotation.</summary>
public sealed class ProgramStateTests
{
    private string _dataDir = "";

    [SetUp]
    public void SetUp() => _dataDir = Directory.CreateTempSubdirectory("hk-state-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDir, recursive: true);

    [Test, CancelAfter(30_000)]
    public async Task Programs_survive_a_host_restart_and_boot_programs_start_again(CancellationToken ct)
    {
        int bootId, manualId;
        await using (var first = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct))
        {
            var api = new DaemonApi(first.Client);
            bootId = await api.AddAsync(new JsonObject { ["name"] = "at-boot", ["command"] = "sleep 300", ["boot"] = true }, ct);
            manualId = await api.AddAsync(new JsonObject { ["name"] = "manual", ["command"] = "sleep 300" }, ct);
            await api.PostOkAsync($"/programs/{manualId}/start", null, ct);
            await api.WaitForStateAsync(bootId, "RUNNING", ct);
            await api.PostOkAsync($"/programs/{manualId}/disable", null, ct);
        }

        Assert.That(Procs.WithEnvironment($"HOODY_PROGRAM_ID={bootId}"), Is.Empty, "stopping hoodykit stops its programs");

        await using var second = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var again = new DaemonApi(second.Client);
        var listed = (await again.GetOkAsync("/programs?hoody_kit=false", ct))["programs"]!.AsArray();
        Assert.That(listed.Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "at-boot", "manual" }));
        Assert.That((bool?)listed[1]!["enabled"], Is.False);
        await again.WaitForStateAsync(bootId, "RUNNING", ct);
        Assert.That((string?)(await again.StatusAsync(manualId, ct))["status"], Is.EqualTo("STOPPED"));
    }

    [Test, CancelAfter(40_000)]
    public async Task Boot_tiers_start_in_priority_order_and_stop_in_reverse(CancellationToken ct)
    {
        var order = Path.Combine(_dataDir, "order.txt");
        string Program(string name) =>
            $"sh -c 'echo start-{name} >> {order}; trap \"echo stop-{name} >> {order}; exit 0\" TERM; while true; do sleep 0.05; done'";
        await using (var first = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct))
        {
            var api = new DaemonApi(first.Client);
            await api.AddAsync(new JsonObject { ["name"] = "late", ["command"] = Program("late"), ["priority"] = 20, ["boot"] = true }, ct);
            await api.AddAsync(new JsonObject { ["name"] = "early", ["command"] = Program("early"), ["priority"] = 10, ["boot"] = true }, ct);
            await api.WaitForStateAsync(1, "RUNNING", ct);
            await api.WaitForStateAsync(2, "RUNNING", ct);
        }

        File.Delete(order);

        await using (var second = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct))
        {
            var api = new DaemonApi(second.Client);
            var late = await api.WaitForStateAsync(1, "RUNNING", ct);
            var early = await api.WaitForStateAsync(2, "RUNNING", ct);
            var earlyStarted = DateTimeOffset.Parse((string)early["started_at"]!, System.Globalization.CultureInfo.InvariantCulture);
            var lateStarted = DateTimeOffset.Parse((string)late["started_at"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(lateStarted - earlyStarted, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "tier 20 waits for tier 10 to be RUNNING");
        }

        Assert.That(await File.ReadAllLinesAsync(order, ct), Is.EqualTo(new[] { "start-early", "start-late", "stop-late", "stop-early" }));
    }

    [Test, CancelAfter(30_000)]
    public async Task Reset_with_a_corrupt_default_file_leaves_programs_json_untouched(CancellationToken ct)
    {
        await using var host = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var api = new DaemonApi(host.Client);
        await api.AddAsync(new JsonObject { ["name"] = "keep-me", ["command"] = "true" }, ct);
        var programs = Path.Combine(_dataDir, "daemon", "programs.json");
        var defaults = Path.Combine(_dataDir, "daemon", "programs.default.json");
        await File.WriteAllTextAsync(defaults, "{ not json", ct);
        var before = await File.ReadAllBytesAsync(programs, ct);

        using var response = await api.PostAsync("/programs/reset", null, ct);

        await HttpAssert.JsonAsync(response, HttpStatusCode.InternalServerError,
            """{"success":false,"error":"Default programs file (programs.default.json) is missing or corrupt"}""", ct);
        Assert.That(await File.ReadAllBytesAsync(programs, ct), Is.EqualTo(before));
    }

    [Test, CancelAfter(30_000)]
    public async Task Reset_restores_the_default_snapshot(CancellationToken ct)
    {
        await using var host = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var api = new DaemonApi(host.Client);
        var id = await api.AddAsync(new JsonObject { ["name"] = "added-later", ["command"] = "sleep 300" }, ct);
        await api.PostOkAsync($"/programs/{id}/start", null, ct);

        await api.PostOkAsync("/programs/reset", null, ct);

        Assert.That((await api.GetOkAsync("/programs?hoody_kit=false", ct))["programs"]!.AsArray(), Is.Empty);
        Assert.That(Procs.WithEnvironment($"HOODY_PROGRAM_ID={id}"), Is.Empty);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_corrupt_programs_file_is_kept_aside_and_the_backup_loaded(CancellationToken ct)
    {
        await using (var first = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct))
        {
            var api = new DaemonApi(first.Client);
            await api.AddAsync(new JsonObject { ["name"] = "one", ["command"] = "true" }, ct);
            await api.AddAsync(new JsonObject { ["name"] = "two", ["command"] = "true" }, ct);
        }

        var programs = Path.Combine(_dataDir, "daemon", "programs.json");
        await File.WriteAllTextAsync(programs, "[{ broken", ct);

        await using var second = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var listed = (await new DaemonApi(second.Client).GetOkAsync("/programs?hoody_kit=false", ct))["programs"]!.AsArray();
        Assert.That(listed.Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "one" }), "the backup is the state before the last write");
        Assert.That(Directory.GetFiles(Path.Combine(_dataDir, "daemon"), "programs.json.corrupt-*"), Has.Length.EqualTo(1));
    }

    [Test, CancelAfter(30_000)]
    public async Task Logs_rotate_and_the_tail_continues_across_the_rotation_boundary(CancellationToken ct)
    {
        await using var host = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var api = new DaemonApi(host.Client);
        var id = await api.AddAsync(new JsonObject
        {
            ["name"] = "chatty",
            ["command"] = "sh -c 'i=1; while [ $i -le 200 ]; do echo line-$i; i=$((i+1)); done; echo oops >&2; sleep 300'",
            ["log_max_bytes"] = 300,
            ["log_backups"] = 5,
        }, ct);
        await api.PostOkAsync($"/programs/{id}/start", null, ct);
        var logs = await api.WaitForLogsAsync($"/programs/{id}/logs?lines=60", ct, text => text.EndsWith("line-200\n", StringComparison.Ordinal));

        var expected = string.Concat(Enumerable.Range(141, 60).Select(i => $"line-{i}\n"));
        Assert.That((string?)logs["logs"], Is.EqualTo(expected));
        Assert.That((int?)logs["lines"], Is.EqualTo(60));
        Assert.That((string?)logs["type"], Is.EqualTo("stdout"));
        var file = (string)logs["log_file"]!;
        Assert.That(File.Exists(file + ".1") && File.Exists(file + ".5"), Is.True);
        Assert.That(File.Exists(file + ".6"), Is.False);
        Assert.That(new FileInfo(file + ".1").Length, Is.LessThanOrEqualTo(300));

        var errors = await api.GetOkAsync($"/programs/{id}/logs?type=stderr&lines=5", ct);
        Assert.That((string?)errors["logs"], Is.EqualTo("oops\n"));
        Assert.That((int?)errors["lines"], Is.EqualTo(1));
        await api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task Disabled_logging_sends_output_nowhere_and_says_so(CancellationToken ct)
    {
        await using var host = await KitHost.StartAsync(new KitHostOptions { DataDir = _dataDir }, ct);
        var api = new DaemonApi(host.Client);
        var id = await api.AddAsync(new JsonObject { ["name"] = "quiet", ["command"] = "sh -c 'echo hidden; sleep 300'", ["logs_enabled"] = false }, ct);
        await api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        using var response = await host.Client.GetAsync($"/api/v1/daemon/programs/{id}/logs", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Logging is disabled for this program"}""", ct);
        Assert.That(File.Exists(Path.Combine(_dataDir, "program-logs", "quiet.out.log")), Is.False);
        await api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }
}
