using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>Programs run as another user with that user's login environment; port-range programs run one process per port.</summary>
public sealed class RunAsUserAndPortTests : DaemonFixture
{
    private const string TestUser = "hoodykit-test";

    [Test, CancelAfter(30_000)]
    public async Task Program_runs_as_its_user_with_that_users_home_and_identity(CancellationToken ct)
    {
        await EnsureTestUserAsync(ct);
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = "as-user",
            ["user"] = TestUser,
            ["command"] = "sh -c 'echo \"$HOME|$USER|$LOGNAME|$(id -un)|$(pwd)|$GREETING\"; sleep 300'",
            ["environment"] = new JsonObject { ["GREETING"] = "hi" },
        }, ct);
        var started = await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        var pid = (int)started["instance"]!["pid"]!;
        var logs = await Api.WaitForLogsAsync($"/programs/{id}/logs", ct);

        var home = $"/home/{TestUser}";
        Assert.That((string?)logs["logs"], Is.EqualTo($"{home}|{TestUser}|{TestUser}|{TestUser}|{home}|hi\n"));
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status", ct);
        var uid = (await Tool.RunAsync("id", ["-u", TestUser], ct)).Output.Trim();
        Assert.That(status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)), Does.StartWith($"Uid:\t{uid}\t"));
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task Port_range_program_runs_one_instance_per_port(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = "api",
            ["command"] = "sh -c 'echo \"args=$* PORT=$PORT\"; sleep 300' argv0",
            ["port_range"] = new JsonObject { ["start"] = 18000, ["end"] = 18010 },
        }, ct);

        using (var noPort = await Api.PostAsync($"/programs/{id}/start", null, ct))
            await HttpAssert.JsonAsync(noPort, HttpStatusCode.BadRequest, """{"success":false,"error":"Port parameter is required for port-range programs"}""", ct);
        using (var outside = await Api.PostAsync($"/programs/{id}/start", """{"port":9000}""", ct))
            await HttpAssert.JsonAsync(outside, HttpStatusCode.BadRequest, """{"success":false,"error":"Port 9000 is outside the program's port range 18000-18010"}""", ct);
        using (var invalid = await Api.PostAsync($"/programs/{id}/start", """{"port":70000}""", ct))
            await HttpAssert.JsonAsync(invalid, HttpStatusCode.BadRequest, """{"success":false,"error":"Port must be between 1 and 65535"}""", ct);

        // no wait: these instances never listen, and waiting on a port instance waits for its port
        var first = await Api.PostOkAsync($"/programs/{id}/start", """{"port":18001}""", ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"port":18002}""", ct);
        foreach (var port in new[] { 18001, 18002 })
            while ((string?)(await Api.StatusAsync(id, ct, $"?port={port}"))["status"] != "RUNNING") await Task.Delay(25, ct);
        Assert.That((string?)first["instance"]!["instance_name"], Is.EqualTo("api_18001"));
        Assert.That((int?)first["instance"]!["port"], Is.EqualTo(18001));

        var aggregate = await Api.StatusAsync(id, ct);
        Assert.That((string?)aggregate["status"], Is.EqualTo("RUNNING"));
        Assert.That(aggregate["instances"]!.AsArray().Select(i => (string?)i!["instance_name"]), Is.EqualTo(new[] { "api_18001", "api_18002" }));
        var one = await Api.StatusAsync(id, ct, "?port=18002");
        Assert.That((string?)one["instance_name"], Is.EqualTo("api_18002"));

        var logs = await Api.WaitForLogsAsync($"/programs/{id}/logs?port=18001", ct);
        Assert.That((string?)logs["logs"], Is.EqualTo("args=--port 18001 PORT=18001\n"));
        Assert.That((string?)logs["log_file"], Does.EndWith("/api_18001.out.log"));

        await Api.PostOkAsync($"/programs/{id}/stop", """{"port":18001}""", ct);
        Assert.That((string?)(await Api.StatusAsync(id, ct, "?port=18001"))["status"], Is.EqualTo("STOPPED"));
        Assert.That((string?)(await Api.StatusAsync(id, ct, "?port=18002"))["status"], Is.EqualTo("RUNNING"));
        await Api.PostOkAsync($"/programs/{id}/stop", """{"all":true}""", ct);
        Assert.That(Procs.WithEnvironment($"HOODY_PROGRAM_ID={id}"), Is.Empty);

        var filtered = (await Api.GetOkAsync("/programs?port=18005", ct))["programs"]!.AsArray();
        Assert.That(filtered.Select(p => (int?)p!["id"]), Is.EqualTo(new int?[] { id }));
        Assert.That((await Api.GetOkAsync("/programs?port_from=18010&port_to=18100", ct))["programs"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await Api.GetOkAsync("/programs?port_from=19000&port_to=19100", ct))["programs"]!.AsArray(), Is.Empty);
    }

    [Test, CancelAfter(30_000)]
    public async Task Wait_on_a_port_instance_returns_once_the_port_accepts_connections(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = "late-listener",
            ["command"] = "sh -c 'sleep 1.5; exec python3 -m http.server --bind 127.0.0.1 \"$PORT\"'",
            ["port_range"] = new JsonObject { ["start"] = port, ["end"] = port },
            ["port_param"] = "",
        }, ct);
        var started = await Api.PostOkAsync($"/programs/{id}/start", $$"""{"port":{{port}},"wait":true,"timeout":20}""", ct);
        Assert.That((string?)started["instance"]!["status"], Is.EqualTo("RUNNING"));
        using var client = new HttpClient();
        using var response = await client.GetAsync($"http://127.0.0.1:{port}/", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the port answered as soon as start returned");
        await Api.PostOkAsync($"/programs/{id}/stop", """{"all":true}""", ct);
    }

    private static async Task EnsureTestUserAsync(CancellationToken ct)
    {
        if (Environment.UserName != "root") Assert.Ignore("running a program as another user needs root");
        if ((await Tool.RunAsync("getent", ["passwd", TestUser], ct)).ExitCode == 0) return;
        Tool.Require("useradd", "passwd");
        var (code, output) = await Tool.RunAsync("useradd", ["--create-home", "--shell", "/bin/sh", TestUser], ct);
        Assert.That(code, Is.Zero, output);
    }
}
