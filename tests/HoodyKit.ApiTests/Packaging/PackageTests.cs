using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Packaging;

/// <summary>
/// Builds the .deb and .tar.gz with <c>packaging/build.sh</c> once, then inspects them as dpkg and an
/// image builder would: contents, control data, conffiles, the extracted binary, and the systemd unit.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private string _out = "";
    private string _deb = "";
    private string _tarball = "";
    private string _extracted = "";

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        Tool.Require("dpkg-deb", "dpkg");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _out = Directory.CreateTempSubdirectory("hk-pkg-").FullName;
        var root = Tool.RepositoryRoot();
        var (code, output) = await Tool.RunAsync("bash", [Path.Combine(root, "packaging", "build.sh"), _out], cts.Token, root);
        Assert.That(code, Is.Zero, output);
        _deb = Directory.GetFiles(_out, "hoodykit_*_amd64.deb").Single();
        _tarball = Directory.GetFiles(_out, "hoodykit_*_amd64.tar.gz").Single();
        _extracted = Path.Combine(_out, "root");
        Directory.CreateDirectory(_extracted);
        (code, output) = await Tool.RunAsync("dpkg-deb", ["-x", _deb, _extracted], cts.Token);
        Assert.That(code, Is.Zero, output);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (_out.Length > 0) Directory.Delete(_out, recursive: true);
    }

    [Test]
    public void Package_is_named_with_version_and_architecture() =>
        Assert.That(Path.GetFileName(_deb), Does.Match(@"^hoodykit_\d+\.\d+\.\d+_amd64\.deb$"));

    [Test, CancelAfter(30_000)]
    public async Task Package_holds_the_app_the_command_the_config_and_the_unit(CancellationToken ct)
    {
        var (code, listing) = await Tool.RunAsync("dpkg-deb", ["-c", _deb], ct);
        Assert.That(code, Is.Zero);
        Assert.That(listing, Does.Contain("./opt/hoodykit/hoodykit\n").Or.Contain("./opt/hoodykit/hoodykit "));
        Assert.That(listing, Does.Contain("./usr/bin/hoodykit -> /opt/hoodykit/hoodykit"));
        Assert.That(listing, Does.Contain("./etc/hoodykit/hoodykit.json"));
        Assert.That(listing, Does.Contain("./lib/systemd/system/hoodykit.service"));
        Assert.That(listing, Does.Contain("root/root"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Control_data_marks_the_config_as_conffile_and_has_maintainer_scripts(CancellationToken ct)
    {
        var control = Path.Combine(_out, "control");
        var (code, output) = await Tool.RunAsync("dpkg-deb", ["-e", _deb, control], ct);
        Assert.That(code, Is.Zero, output);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(control, "conffiles"), ct), Is.EqualTo("/etc/hoodykit/hoodykit.json\n"));
        var postinst = await File.ReadAllTextAsync(Path.Combine(control, "postinst"), ct);
        Assert.That(postinst, Does.Contain("/var/lib/hoodykit").And.Contain("/var/log/hoodykit").And.Contain("enable hoodykit.service"));
        var fields = await File.ReadAllTextAsync(Path.Combine(control, "control"), ct);
        Assert.That(fields, Does.Contain("Package: hoodykit\n").And.Contain("Architecture: amd64\n"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Extracted_binary_reports_its_version_and_passes_check(CancellationToken ct)
    {
        var binary = Path.Combine(_extracted, "opt", "hoodykit", "hoodykit");
        var (code, version) = await Tool.RunAsync(binary, ["--version"], ct);
        Assert.That(code, Is.Zero, version);
        Assert.That(version.Trim(), Does.Match(@"^\d+\.\d+\.\d+$"));

        var data = Path.Combine(_out, "data");
        (code, var check) = await Tool.RunAsync(binary, ["check", "--config", Path.Combine(_extracted, "etc", "hoodykit", "hoodykit.json"), "--data-dir", data, "--log-dir", data], ct);
        Assert.That(code, Is.Zero, check);
        Assert.That(check, Does.Contain("module daemon (on)").And.Contain("configuration OK"));
    }

    /// <summary>The package ships the Native AOT build: drive its supervisor end to end, since the JIT test host cannot show trimming or AOT gaps.</summary>
    [Test, CancelAfter(60_000)]
    public async Task Extracted_binary_serves_and_supervises(CancellationToken ct)
    {
        var binary = Path.Combine(_extracted, "opt", "hoodykit", "hoodykit");
        var port = KitProcess.FreePort();
        var data = Path.Combine(_out, "serve");
        await using var kit = KitProcess.Start(["--listen", $"127.0.0.1:{port}", "--data-dir", data, "--log-dir", data],
            new Dictionary<string, string> { ["HOODYKIT__Daemon__ProgramLogDir"] = Path.Combine(data, "programs") }, binary);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await kit.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/daemon/health", ct)).StatusCode == HttpStatusCode.OK, ct);
        var api = new DaemonApi(client);

        var id = await api.AddAsync(new System.Text.Json.Nodes.JsonObject { ["name"] = "packaged", ["command"] = "sh -c 'echo from-aot; sleep 300'" }, ct);
        var pid = (int)(await api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct))["instance"]!["pid"]!;
        var stats = (await api.GetOkAsync($"/status/{id}?include_stats=true", ct))["stats"]!;
        Assert.That((int?)stats["process_count"], Is.GreaterThanOrEqualTo(2));
        var logs = await api.WaitForLogsAsync($"/programs/{id}/logs", ct);
        Assert.That((string?)logs["logs"], Is.EqualTo("from-aot\n"));
        var quick = await api.PostOkAsync("/quick-start", """{"command":"sleep 300","user":"root","wait":true,"ttl":60}""", ct);
        Assert.That((string?)quick["status"], Is.EqualTo("running"));
        using (var bad = await api.PostAsync("/programs/add", "{bad", ct))
            await HttpAssert.JsonAsync(bad, HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid JSON body"}""", ct);
        Assert.That(await client.GetStringAsync("/api/v1/daemon/metrics", ct), Does.Contain("hoody_daemon_program_up{"));
        Assert.That(await client.GetStringAsync("/api/v1/daemon/openapi.yaml", ct), Does.Contain("/api/v1/daemon/programs/add:"));

        var home = Directory.CreateTempSubdirectory("hk-pkg-home-").FullName;
        await using (var tty = await TtyClient.ConnectAsync(client.BaseAddress!, $"terminal_id=7&env=HOME={home}", ct))
        {
            await tty.SendInputAsync("echo aot-$((40+2))\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync("aot-42", ct), Is.True, tty.Output);
        }

        var png = await client.GetByteArrayAsync("/api/v1/terminal/screenshot?terminal_id=7", ct);
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG from the packaged SkiaSharp");

        await SqliteWorksAsync(client, data, ct);

        using (var deleted = await client.DeleteAsync("/api/v1/terminal/7", ct))
            await HttpAssert.JsonAsync(deleted, HttpStatusCode.OK, """{"status":"deleted","terminal_id":7}""", ct);

        await kit.TerminateAsync(ct);
        Assert.That(await kit.WaitForExitAsync(ct), Is.Zero, kit.Output);
        Assert.That(Procs.State(pid), Is.Null.Or.EqualTo('Z'), "stopping hoodykit stops its programs");
        Assert.That(kit.Output, Does.Not.Contain("Exception"));
    }

    /// <summary>The packaged SQLite (libe_sqlite3.so next to the executable) and the AOT JSON paths of the sqlite service.</summary>
    private static async Task SqliteWorksAsync(HttpClient client, string data, CancellationToken ct)
    {
        var db = Path.Combine(data, "pkg.db");
        using (var created = await client.PostAsync($"/api/v1/sqlite/db/create?path={db}&init_kv=true", null, ct))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync(ct));
        using (var tx = await client.PostAsync($"/api/v1/sqlite/db?db={db}",
            new StringContent("""{"transaction":[{"statement":"CREATE TABLE t(x)"},{"statement":"INSERT INTO t VALUES (?)","valuesBatch":[[1],[2]]},{"query":"SELECT sum(x) AS s FROM t"}]}"""), ct))
            Assert.That(await tx.Content.ReadAsStringAsync(ct), Does.Contain("""resultSet":[{"s":3}]"""));
        using (var put = await client.PutAsync($"/api/v1/sqlite/kv/a/b?db={db}", new StringContent("""{"n":1}"""), ct))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var incr = await client.PostAsync($"/api/v1/sqlite/kv/a/b/incr?db={db}&path=n", null, ct))
            Assert.That(await incr.Content.ReadAsStringAsync(ct), Is.EqualTo("""{"key":"a/b","value":2,"previous":1}"""));
        var sql = Convert.ToBase64String("DELETE FROM t"u8.ToArray());
        using (var write = await client.GetAsync($"/api/v1/sqlite/query?db={db}&sql={Uri.EscapeDataString(sql)}", ct))
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await client.GetStringAsync($"/api/v1/sqlite/kv/a/b/history?db={db}", ct), Does.Contain("\"op_type\":\"incr\""));
    }

    [Test, CancelAfter(30_000)]
    public async Task Tarball_holds_the_same_tree_without_package_metadata(CancellationToken ct)
    {
        var (code, listing) = await Tool.RunAsync("tar", ["-tzvf", _tarball], ct);
        Assert.That(code, Is.Zero, listing);
        Assert.That(listing, Does.Contain("./opt/hoodykit/hoodykit").And.Contain("./usr/bin/hoodykit -> /opt/hoodykit/hoodykit")
            .And.Contain("./etc/hoodykit/hoodykit.json").And.Contain("./lib/systemd/system/hoodykit.service"));
        Assert.That(listing, Does.Not.Contain("DEBIAN"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Systemd_unit_verifies_against_the_packaged_binary(CancellationToken ct)
    {
        Tool.Require("systemd-analyze", "systemd");
        var unit = await File.ReadAllTextAsync(Path.Combine(_extracted, "lib", "systemd", "system", "hoodykit.service"), ct);
        Assert.That(unit, Does.Contain("Type=notify\n").And.Contain("Restart=always\n").And.Contain("KillMode=mixed\n")
            .And.Contain("ExecStart=/usr/bin/hoodykit\n").And.Contain("EnvironmentFile=-/etc/hoodykit/env\n"));

        // The unit names /usr/bin/hoodykit; point it at the extracted binary so verify can check the command.
        var copy = Path.Combine(_out, "hoodykit.service");
        await File.WriteAllTextAsync(copy, unit.Replace("ExecStart=/usr/bin/hoodykit", "ExecStart=" + Path.Combine(_extracted, "opt", "hoodykit", "hoodykit"), StringComparison.Ordinal), ct);
        var (code, output) = await Tool.RunAsync("systemd-analyze", ["verify", copy], ct);
        Assert.That(code, Is.Zero, output);
        Assert.That(output.Trim(), Is.Empty);
    }
}
