using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary><c>startup_script</c>, <c>debug</c>, <c>env_inject</c> and <c>arg</c> on real shells, through the WebSocket and <c>/create</c>.</summary>
public sealed class LaunchOptionTests
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-launch-home-").FullName;
    private KitHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await KitHost.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(20_000)]
    public async Task A_startup_script_runs_before_the_shell_with_the_sessions_environment(CancellationToken ct)
    {
        var marker = Path.Combine(s_home, "startup-ran");
        var script = Script("startup.sh", $"echo \"$HOODY_TERMINAL_ID $PWD\" > {marker}\necho from-startup\n", executable: false);
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, Query($"terminal_id=121&startup_script={Uri.EscapeDataString(script)}"), ct);
        Assert.That(await tty.ReadUntilContainsAsync("from-startup", ct), Is.True, tty.Output);
        await tty.SendInputAsync("echo shell-$((40+2))\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("shell-42", ct), Is.True, "the shell starts after the script");
        Assert.That(File.ReadAllText(marker).Trim(), Is.EqualTo($"121 {s_home}"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_failing_startup_script_is_reported_and_the_shell_starts_anyway(CancellationToken ct)
    {
        var script = Script("fails.sh", "#!/bin/sh\nexit 4\n", executable: true);
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, Query($"terminal_id=122&startup_script={Uri.EscapeDataString(script)}"), ct);
        Assert.That(await tty.ReadUntilContainsAsync($"[hoody] startup script {script} exited with 4", ct), Is.True, tty.Output);
        await tty.SendInputAsync("echo alive-$((1+1))\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("alive-2", ct), Is.True, tty.Output);
    }

    [Test, CancelAfter(20_000)]
    public async Task Debug_makes_the_wrapper_say_what_it_starts(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(_host.BaseAddress, Query("terminal_id=123&debug=true"), ct);
        Assert.That(await tty.ReadUntilContainsAsync($"[hoody] terminal 123, user {Environment.UserName}, cwd {s_home}", ct), Is.True, tty.Output);
        Assert.That(await tty.ReadUntilContainsAsync("[hoody] exec ", ct), Is.True, tty.Output);
    }

    [Test, CancelAfter(20_000)]
    public async Task Hoody_variables_are_injected_unless_env_inject_is_false(CancellationToken ct)
    {
        await using (var injected = await TtyClient.ConnectAsync(_host.BaseAddress, Query("terminal_id=124&display=5&desktop=true"), ct))
        {
            await injected.SendInputAsync("echo \"[${HOODY_TERMINAL_ID:-none}/${HOODY_DISPLAY:-none}/${HOODY_DESKTOP:-none}]\"\r", ct);
            Assert.That(await injected.ReadUntilContainsAsync("[124/5/1]", ct), Is.True, injected.Output);
        }

        await using var plain = await TtyClient.ConnectAsync(_host.BaseAddress, Query("terminal_id=125&env_inject=false"), ct);
        await plain.SendInputAsync("echo \"[${HOODY_TERMINAL_ID:-none}]\"\r", ct);
        Assert.That(await plain.ReadUntilContainsAsync("[none]", ct), Is.True, plain.Output);
    }

    [Test, CancelAfter(20_000)]
    public async Task Create_takes_the_launch_fields_too(CancellationToken ct)
    {
        var marker = Path.Combine(s_home, "create-startup-ran");
        var script = Script("create.sh", $"echo \"$HOODY_TERMINAL_ID\" > {marker}\n", executable: false);
        var body = new JsonObject { ["terminal_id"] = "126", ["startup_script"] = script, ["env_inject"] = false, ["env"] = new JsonObject { ["HOME"] = s_home } };
        using var response = await _host.Client.PostAsync("/api/v1/terminal/create", Json(body), ct);
        await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That(await WaitForFileAsync(marker, ct), Is.EqualTo(""), "the script ran, without HOODY_TERMINAL_ID");
    }

    [TestCase("""{"terminal_id":"127","startup_script":"/nonexistent/script.sh"}""", "startup_script must be the absolute path of an existing file")]
    [TestCase("""{"terminal_id":"127","startup_script":"relative.sh"}""", "startup_script must be the absolute path of an existing file")]
    [TestCase("""{"terminal_id":"127","desktop_env":"kde","display":"1"}""", "desktop_env must be one of xfce, mate")]
    [TestCase("""{"terminal_id":"127","desktop_env":"xfce"}""", "desktop_env needs a display")]
    [CancelAfter(20_000)]
    public async Task Bad_launch_fields_are_400s_and_start_nothing(string body, string message, CancellationToken ct)
    {
        using var response = await _host.Client.PostAsync("/api/v1/terminal/create", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var error = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)error["message"], Does.Contain(message));
        var sessions = await _host.Client.GetFromJsonNodeAsync("/api/v1/terminal/sessions", ct);
        Assert.That(sessions.AsArray().Select(s => (int?)s!["terminal_id"]), Does.Not.Contain(127));
    }

    [Test, CancelAfter(30_000)]
    public async Task Arg_reaches_the_shell_only_when_url_arguments_are_enabled(CancellationToken ct)
    {
        var marker = Path.Combine(s_home, "arg-ran");
        var script = Script("arg.sh", $"echo \"arg $0\" > {marker}\nexec sleep 30\n", executable: false);
        await using (var ignored = await TtyClient.ConnectAsync(_host.BaseAddress, Query($"terminal_id=128&arg={Uri.EscapeDataString(script)}"), ct))
        {
            await ignored.SendInputAsync("echo interactive-$((3*3))\r", ct);
            Assert.That(await ignored.ReadUntilContainsAsync("interactive-9", ct), Is.True, "arg is ignored: a login shell as usual");
        }

        await using var host = await KitHost.StartAsync(new KitHostOptions { Settings = new Dictionary<string, string?> { ["Terminal:UrlArguments"] = "true" } }, ct);
        await using var tty = await TtyClient.ConnectAsync(host.BaseAddress, Query($"terminal_id=129&arg={Uri.EscapeDataString(script)}"), ct);
        Assert.That(await WaitForFileAsync(marker, ct), Is.EqualTo($"arg {script}"), "bash -l <arg> ran the script");
    }

    private static string Query(string query) => $"{query}&env=HOME={Uri.EscapeDataString(s_home)}&cwd={Uri.EscapeDataString(s_home)}";

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Script(string name, string text, bool executable)
    {
        var path = Path.Combine(s_home, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        return path;
    }

    /// <summary>The file's trimmed text once it exists and ends with a newline.</summary>
    internal static async Task<string> WaitForFileAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            if (File.Exists(path) && File.ReadAllText(path) is { Length: > 0 } text && text.EndsWith('\n')) return text.Trim();
            await Task.Delay(20, ct);
        }
    }
}
