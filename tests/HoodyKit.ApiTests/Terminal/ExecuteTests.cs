using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>execute, result, abort, write and history on real shells.</summary>
public sealed class ExecuteTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-exec-home-").FullName;

    private static string Env => "env=HOME=" + Uri.EscapeDataString(s_home);

    [Test, CancelAfter(20_000)]
    public async Task Exit_codes_are_real_and_cd_is_visible_to_the_next_command(CancellationToken ct)
    {
        var first = await ExecuteAsync($"terminal_id=31&{Env}", """{"command":"cd /tmp && echo in-$(basename $PWD); (exit 3)"}""", ct);
        Assert.That((string?)first["status"], Is.EqualTo("completed"));
        Assert.That((int?)first["exit_code"], Is.EqualTo(3));
        Assert.That((string?)first["output"], Is.EqualTo("in-tmp\n"));
        Assert.That((string?)first["stdout"], Is.EqualTo("in-tmp\n"));
        Assert.That((bool?)first["timed_out"], Is.False);

        var second = await ExecuteAsync("terminal_id=31", """{"command":"pwd"}""", ct);
        Assert.That((string?)second["output"], Is.EqualTo("/tmp\n"));
        Assert.That((int?)second["exit_code"], Is.Zero);
    }

    [Test, CancelAfter(20_000)]
    public async Task Ephemeral_execute_reports_the_exit_status_from_waitpid(CancellationToken ct)
    {
        var result = await ExecuteAsync($"ephemeral=true&{Env}", """{"command":"echo eph; exit 7"}""", ct);
        Assert.That((int?)result["exit_code"], Is.EqualTo(7));
        Assert.That((string?)result["output"], Is.EqualTo("eph\n"));
        Assert.That((int?)result["terminal_id"], Is.InRange(40000, 65535));
        while (Procs.WithEnvironment($"HOODY_TERMINAL_ID={(int)result["terminal_id"]!}").Count > 0) await Task.Delay(20, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Timeout_interrupts_the_job_and_keeps_the_shell(CancellationToken ct)
    {
        var result = await ExecuteAsync($"terminal_id=32&{Env}", """{"command":"sleep 30","timeout":1}""", ct);
        Assert.That((string?)result["status"], Is.EqualTo("timeout"));
        Assert.That((bool?)result["timed_out"], Is.True);
        Assert.That(result["exit_code"], Is.Null);
        var after = await ExecuteAsync("terminal_id=32", """{"command":"echo still-here"}""", ct);
        Assert.That((string?)after["output"], Is.EqualTo("still-here\n"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Wait_false_returns_at_once_and_result_and_abort_follow_the_command(CancellationToken ct)
    {
        var started = await ExecuteAsync($"terminal_id=33&{Env}", """{"command":"echo partial; sleep 30","wait":false,"id":"777"}""", ct);
        Assert.That((string?)started["command_id"], Is.EqualTo("777"));
        Assert.That((string?)started["status"], Is.AnyOf("queued", "running"));

        using (var busy = await PostAsync("/api/v1/terminal/execute?terminal_id=33", """{"command":"true","id":"777"}""", ct))
            Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        JsonNode running;
        do running = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/result/777", ct);
        while ((string?)running["status"] != "running" && !ct.IsCancellationRequested);

        using var abort = await PostAsync("/api/v1/terminal/execute/777/abort", """{"force":true}""", ct);
        var aborted = await HttpAssert.ReadJsonAsync(abort, HttpStatusCode.OK, ct);
        Assert.That((string?)aborted["status"], Is.EqualTo("aborted"));
        Assert.That((string?)aborted["output"], Does.StartWith("partial\n"));
        Assert.That(aborted["exit_code"], Is.Null);

        using var again = await PostAsync("/api/v1/terminal/execute/777/abort", "{}", ct);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var shell = await ExecuteAsync("terminal_id=33", """{"command":"echo shell-alive"}""", ct);
        Assert.That((string?)shell["output"], Is.EqualTo("shell-alive\n"), "force kills the job, never the shell");
    }

    [Test, CancelAfter(20_000)]
    public async Task Write_types_into_the_terminal_and_history_lists_commands(CancellationToken ct)
    {
        await ExecuteAsync($"terminal_id=34&{Env}", """{"command":"true"}""", ct);
        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=34", ct);
        using (var write = await PostAsync("/api/v1/terminal/write?terminal_id=34", """{"input":"echo typed-$((2+3))"}""", ct))
            await HttpAssert.JsonAsync(write, HttpStatusCode.OK, """{"status":"ok","bytes_written":20}""", ct);
        Assert.That(await tty.ReadUntilContainsAsync("typed-5", ct), Is.True, tty.Output);

        var history = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/history/34", ct);
        Assert.That((int?)history["terminal_id"], Is.EqualTo(34));
        Assert.That(history["commands"]!.AsArray().Select(c => (string?)c!["command"]), Does.Contain("true"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Bad_requests_answer_in_the_terminal_family(CancellationToken ct)
    {
        using (var noCommand = await PostAsync("/api/v1/terminal/execute?terminal_id=35", "{}", ct))
            Assert.That((string?)(await HttpAssert.ReadJsonAsync(noCommand, HttpStatusCode.BadRequest, ct))["code"], Is.EqualTo("VALIDATION_ERROR"));
        using (var badId = await PostAsync("/api/v1/terminal/execute?terminal_id=abc", """{"command":"true"}""", ct))
            Assert.That((string?)(await HttpAssert.ReadJsonAsync(badId, HttpStatusCode.BadRequest, ct))["code"], Is.EqualTo("INVALID_TERMINAL_ID"));
        using (var missing = await Host.Client.GetAsync("/api/v1/terminal/result/65000", ct))
            await HttpAssert.JsonAsync(missing, HttpStatusCode.NotFound,
                """{"statusCode":404,"error":"Not Found","message":"Command not found","code":"COMMAND_NOT_FOUND"}""", ct);
        using (var write = await PostAsync("/api/v1/terminal/write?terminal_id=36", """{"input":"x"}""", ct))
            Assert.That((string?)(await HttpAssert.ReadJsonAsync(write, HttpStatusCode.NotFound, ct))["code"], Is.EqualTo("SESSION_NOT_FOUND"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Raw_output_comes_as_bytes_text_or_html_and_can_be_tailed(CancellationToken ct)
    {
        await ExecuteAsync($"terminal_id=37&{Env}", """{"command":"printf '\\033[31mred\\033[0m plain\\nsecond\\nthird\\n'"}""", ct);

        var text = await Host.Client.GetStringAsync("/api/v1/terminal/raw?terminal_id=37&format=text", ct);
        Assert.That(text, Does.Contain("red plain\nsecond\nthird\n"));
        Assert.That(text, Does.Not.Contain("\u001b"));
        var tail = await Host.Client.GetStringAsync("/api/v1/terminal/raw?terminal_id=37&format=text&tail=2", ct);
        Assert.That(tail.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));

        var html = await Host.Client.GetStringAsync("/api/v1/terminal/raw?terminal_id=37&format=html", ct);
        Assert.That(html, Does.Contain("<span style=\"color:#cc0000;\">red</span> plain"));

        using var download = await Host.Client.GetAsync("/api/v1/terminal/raw?terminal_id=37", ct);
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("terminal-37.log"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(ct), Does.Contain((byte)0x1b));

        using var missing = await Host.Client.GetAsync("/api/v1/terminal/raw?terminal_id=38", ct);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(ct), Is.EqualTo("Terminal session not found"));
    }

    private async Task<JsonNode> ExecuteAsync(string query, string body, CancellationToken ct)
    {
        using var response = await PostAsync("/api/v1/terminal/execute?" + query, body, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, CancellationToken ct) =>
        Host.Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
}
