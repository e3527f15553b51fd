using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>Real child processes under the real host: states, restarts, tree kill, exactly-one spawn.</summary>
public sealed class ProgramLifecycleTests : DaemonFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Started_program_runs_as_a_real_process_and_stop_ends_it(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "sleeper", ["command"] = "sleep 300" }, ct);
        var started = await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        var pid = (int)started["instance"]!["pid"]!;

        Assert.That((string?)started["instance"]!["status"], Is.EqualTo("RUNNING"));
        Assert.That(Procs.State(pid), Is.Not.Null.And.Not.EqualTo('Z'));
        Assert.That(await File.ReadAllTextAsync($"/proc/{pid}/comm", ct), Is.EqualTo("sleep\n"), "simple commands are exec'd directly");

        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
        var status = await Api.StatusAsync(id, ct);
        Assert.That((string?)status["status"], Is.EqualTo("STOPPED"));
        Assert.That(Procs.State(pid), Is.Null.Or.EqualTo('Z'));
        Assert.That(Procs.ZombieChildren(), Is.Empty);
    }

    [Test, CancelAfter(30_000)]
    public async Task Crash_on_start_backs_off_and_is_fatal_after_exactly_four_attempts(CancellationToken ct)
    {
        var marks = Path.Combine(Host.DataDir, "attempts.txt");
        var id = await Api.AddAsync(new JsonObject { ["name"] = "crasher", ["command"] = $"sh -c 'echo x >> {marks}; exit 3'" }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", null, ct);

        var backoff = await Api.WaitForStateAsync(id, "BACKOFF", ct);
        Assert.That((string?)backoff["next_retry_at"], Is.Not.Null);
        var fatal = await Api.WaitForStateAsync(id, "FATAL", ct);

        Assert.That(File.ReadAllLines(marks), Has.Length.EqualTo(4));
        Assert.That((int?)fatal["exit_code"], Is.EqualTo(3));
        Assert.That((string?)fatal["description"], Is.EqualTo("Exited too quickly (process log may have details)"));
        using var again = await Api.PostAsync($"/programs/{id}/start", """{"wait":true,"timeout":10}""", ct);
        await HttpAssert.JsonAsync(again, HttpStatusCode.Conflict, """{"success":false,"error":"Program exited too quickly (exit code 3)"}""", ct);
    }

    [TestCase("unexpected", 3, true)]
    [TestCase("unexpected", 0, false)]
    [TestCase("true", 0, true)]
    [TestCase("false", 3, false)]
    [CancelAfter(20_000)]
    public async Task Autorestart_decides_what_happens_after_a_running_program_exits(string policy, int code, bool restarts, CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = $"exit-{policy}-{code}",
            ["command"] = $"sh -c 'sleep 1.3; exit {code}'",
            ["autorestart"] = policy,
        }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);

        var after = await Api.WaitForAsync(id, s => (int?)s["restarts"] > 0 || (string?)s["status"] == "EXITED", ct);

        if (restarts)
        {
            Assert.That((int?)after["restarts"], Is.GreaterThan(0));
            var back = await Api.WaitForStateAsync(id, "RUNNING", ct);
            Assert.That((int?)back["exit_code"], Is.Null.Or.EqualTo(code));
        }
        else
        {
            Assert.That((string?)after["status"], Is.EqualTo("EXITED"));
            Assert.That((int?)after["exit_code"], Is.EqualTo(code));
            Assert.That((int?)after["restarts"], Is.Zero);
        }

        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task Stop_kills_the_whole_tree_including_a_double_forked_setsid_grandchild(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = "forker",
            ["command"] = "sh -c '(setsid sh -c \"trap \\\"\\\" TERM; sleep 301\" &) ; sleep 302 & sleep 303'",
        }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        var marker = $"HOODY_PROGRAM_ID={id}";
        while (Procs.WithEnvironment(marker).Count < 4) await Task.Delay(20, ct);
        var stats = (await Api.GetOkAsync($"/status/{id}?include_stats=true", ct))["stats"]!;
        Assert.That((int?)stats["process_count"], Is.GreaterThanOrEqualTo(4));

        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);

        Assert.That(Procs.WithEnvironment(marker), Is.Empty, "nothing of the program's tree may survive stop");
        Assert.That(Procs.ZombieChildren(), Is.Empty);
    }

    [Test, CancelAfter(20_000)]
    public async Task Twenty_concurrent_idempotent_starts_spawn_exactly_one_process(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "once", ["command"] = "sleep 300" }, ct);
        var calls = Enumerable.Range(0, 20).Select(_ => Api.PostAsync($"/programs/{id}/start", """{"if_not_running":true}""", ct));
        var responses = await Task.WhenAll(calls);
        try
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            await Api.WaitForStateAsync(id, "RUNNING", ct);
            Assert.That(Procs.WithEnvironment($"HOODY_PROGRAM_ID={id}"), Has.Count.EqualTo(1));
            var flags = await Task.WhenAll(responses.Select(async r => (bool?)(await HttpAssert.ReadJsonAsync(r, HttpStatusCode.OK, ct))["already_running"]));
            Assert.That(flags.Count(f => f == false), Is.EqualTo(1), "exactly one call started it");
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
            await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Start_of_a_running_program_is_409_and_stop_of_a_stopped_one_succeeds(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "twice", ["command"] = "sleep 300" }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", null, ct);
        using (var again = await Api.PostAsync($"/programs/{id}/start", null, ct))
            await HttpAssert.JsonAsync(again, HttpStatusCode.Conflict, """{"success":false,"error":"Program 'twice' is already running"}""", ct);
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
        var second = await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
        Assert.That((bool?)second["success"], Is.True);
    }

    [Test, CancelAfter(20_000)]
    public async Task Edit_restarts_on_a_command_change_but_not_on_a_description_change(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "editable", ["command"] = "sleep 300" }, ct);
        var pid = (int)(await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct))["instance"]!["pid"]!;

        await Api.PostOkAsync($"/programs/edit/{id}", """{"description":"still the same process"}""", ct);
        Assert.That((int?)(await Api.StatusAsync(id, ct))["pid"], Is.EqualTo(pid));

        var edited = await Api.PostOkAsync($"/programs/edit/{id}", """{"command":"sleep 301"}""", ct);
        Assert.That((string?)edited["program"]!["command"], Is.EqualTo("sleep 301"));
        Assert.That((string?)edited["program"]!["description"], Is.EqualTo("still the same process"));
        var restarted = await Api.WaitForAsync(id, s => (string?)s["status"] == "RUNNING" && (int?)s["pid"] != pid, ct);
        Assert.That(await File.ReadAllTextAsync($"/proc/{(int)restarted["pid"]!}/cmdline", ct), Is.EqualTo("sleep\0301\0"));
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Disabled_program_refuses_to_start_and_remove_stops_and_forgets(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "removable", ["command"] = "sleep 300" }, ct);
        var disabled = await Api.PostOkAsync($"/programs/{id}/disable", null, ct);
        Assert.That((bool?)disabled["program"]!["enabled"], Is.False);
        using (var refused = await Api.PostAsync($"/programs/{id}/start", null, ct))
            await HttpAssert.JsonAsync(refused, HttpStatusCode.Conflict, """{"success":false,"error":"Program 'removable' is disabled"}""", ct);

        await Api.PostOkAsync($"/programs/{id}/enable", null, ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        var removed = await Api.PostOkAsync($"/programs/remove/{id}", null, ct);
        Assert.That((int?)removed["id"], Is.EqualTo(id));
        Assert.That(Procs.WithEnvironment($"HOODY_PROGRAM_ID={id}"), Is.Empty);
        using var gone = await Host.Client.GetAsync($"/api/v1/daemon/programs/{id}", ct);
        await HttpAssert.JsonAsync(gone, HttpStatusCode.NotFound, $$"""{"success":false,"error":"Program with ID {{id}} not found"}""", ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Wait_times_out_with_504_while_the_program_is_still_starting(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "slow-start", ["command"] = "sleep 300", ["delay_seconds"] = 5 }, ct);
        using var response = await Api.PostAsync($"/programs/{id}/start", """{"wait":true,"timeout":1}""", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.GatewayTimeout,
            """{"success":false,"error":"Timeout waiting for program to reach RUNNING state (current: STARTING)"}""", ct);
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
        Assert.That((string?)(await Api.StatusAsync(id, ct))["status"], Is.EqualTo("STOPPED"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Built_in_modules_cannot_be_edited_or_removed(CancellationToken ct)
    {
        using (var edit = await Api.PostAsync("/programs/edit/1001", """{"description":"x"}""", ct))
            Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var remove = await Api.PostAsync("/programs/remove/1001", null, ct);
        Assert.That(remove.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test, CancelAfter(20_000)]
    public async Task Follow_streams_the_tail_then_new_lines_as_server_sent_events(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject
        {
            ["name"] = "streamer",
            ["command"] = "sh -c 'echo first; echo second; sleep 3; i=0; while true; do i=$((i+1)); echo live-$i; sleep 0.1; done'",
        }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/daemon/programs/{id}/logs?follow=true&lines=2");
        using var response = await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var data = new List<string>();
        while (data.Count < 4)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is not null && line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line["data: ".Length..]);
        }

        Assert.That(data, Is.EqualTo(new[] { "first", "second", "live-1", "live-2" }));
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Metrics_show_each_running_program(CancellationToken ct)
    {
        var id = await Api.AddAsync(new JsonObject { ["name"] = "measured", ["command"] = "sleep 300" }, ct);
        await Api.PostOkAsync($"/programs/{id}/start", """{"wait":true}""", ct);
        var text = await Host.Client.GetStringAsync("/api/v1/daemon/metrics", ct);
        Assert.That(text, Does.Contain($"hoody_daemon_program_up{{id=\"{id}\",name=\"measured\",port=\"\"}} 1\n"));
        Assert.That(text, Does.Match($@"hoody_daemon_program_memory_rss_bytes\{{id=""{id}"",name=""measured"",port=""""\}} [1-9]\d*\n"));
        Assert.That(text, Does.Contain("hoody_daemon_ephemeral_programs "));
        await Api.PostOkAsync($"/programs/{id}/stop", null, ct);
    }
}
