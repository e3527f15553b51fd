using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>Sessions whose PTY runs ssh to a real sshd, or a monitor of an existing process.</summary>
public sealed class SshAndAttachTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-term-home-").FullName;

    [Test, CancelAfter(30_000)]
    public async Task A_session_logs_in_over_ssh_with_a_password(CancellationToken ct)
    {
        await using var sshd = await SshServer.StartAsync(ct);
        await CreateAsync(71, new JsonObject
        {
            ["ssh_host"] = "127.0.0.1",
            ["ssh_port"] = sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ssh_user"] = SshServer.User,
            ["ssh_password"] = SshServer.Password,
        }, ct);

        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=71", ct);
        await tty.SendInputAsync("echo remote-$((40+2)) $(whoami)\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync($"remote-42 {SshServer.User}", ct), Is.True, tty.Output);
        Assert.That(tty.Frames.Single(f => f.Opcode == '4').Payload, Is.EqualTo("ssh"));
        Assert.That(tty.Output, Does.Not.Contain(SshServer.Password), "the password never reaches the screen");
        using var deleted = await Host.Client.DeleteAsync("/api/v1/terminal/71", ct);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_session_logs_in_over_ssh_with_a_key_and_the_key_file_goes_with_the_session(CancellationToken ct)
    {
        await using var sshd = await SshServer.StartAsync(ct);
        await CreateAsync(72, new JsonObject
        {
            ["ssh_host"] = "127.0.0.1",
            ["ssh_port"] = sshd.Port,
            ["ssh_user"] = SshServer.User,
            ["ssh_key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(sshd.ClientKey)),
        }, ct);
        var keyFile = Path.Combine(Path.GetTempPath(), "hoodykit-ssh-0", "key-72");
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        await using (var tty = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=72", ct))
        {
            await tty.SendInputAsync("echo keyed-$((6*7)) $(whoami)\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync($"keyed-42 {SshServer.User}", ct), Is.True, tty.Output);
        }

        using var deleted = await Host.Client.DeleteAsync("/api/v1/terminal/72", ct);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(File.Exists(keyFile), Is.False);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_session_reaches_its_ssh_server_through_a_socks5_proxy(CancellationToken ct)
    {
        await using var sshd = await SshServer.StartAsync(ct);
        var (proxy, proxyPort) = await sshd.StartSocksProxyAsync(ct);
        try
        {
            await CreateAsync(75, new JsonObject
            {
                ["ssh_host"] = "127.0.0.1",
                ["ssh_port"] = sshd.Port,
                ["ssh_user"] = SshServer.User,
                ["ssh_password"] = SshServer.Password,
                ["socks5_host"] = "127.0.0.1",
                ["socks5_port"] = proxyPort,
            }, ct);
            await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=75", ct);
            await tty.SendInputAsync("echo proxied-$((6*7))\r", ct);
            Assert.That(await tty.ReadUntilContainsAsync("proxied-42", ct), Is.True, tty.Output);
            using var deleted = await Host.Client.DeleteAsync("/api/v1/terminal/75", ct);
        }
        finally
        {
            proxy.Kill();
            await proxy.WaitForExitAsync(CancellationToken.None);
            proxy.Dispose();
        }
    }

    [TestCase("""{"terminal_id":"73","ssh_host":"-oProxyCommand=touch /tmp/pwned","ssh_user":"x"}""", "ssh_host must be a host name or address")]
    [TestCase("""{"terminal_id":"73","ssh_host":"example.invalid"}""", "ssh_user is required with ssh_host")]
    [TestCase("""{"terminal_id":"73","ssh_host":"example.invalid","ssh_user":"x","ssh_port":"70000"}""", "ssh_port must be a port between 1 and 65535")]
    [TestCase("""{"terminal_id":"73","ssh_host":"example.invalid","ssh_user":"x","ssh_key":"%%%"}""", "ssh_key must be a base64-encoded private key")]
    [TestCase("""{"terminal_id":"73","ssh_host":"example.invalid","ssh_user":"x","socks5_host":"127.0.0.1","socks5_user":"u"}""", "SOCKS5 proxy authentication is not supported (socks5_user/socks5_pass)")]
    public async Task Unusable_ssh_fields_are_a_400_and_start_nothing(string body, string message)
    {
        using var response = await Host.Client.PostAsync("/api/v1/terminal/create", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, CancellationToken.None);
        Assert.That((string?)json["message"], Is.EqualTo(message));
        var sessions = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/sessions", CancellationToken.None);
        Assert.That(sessions.AsArray().Select(s => (int?)s!["terminal_id"]), Does.Not.Contain(73));
    }

    [Test, CancelAfter(20_000)]
    public async Task Attaching_to_a_pid_shows_a_monitor_of_that_process(CancellationToken ct)
    {
        using var target = Process.Start(new ProcessStartInfo("sleep", ["301"]) { UseShellExecute = false })!;
        try
        {
            await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, $"terminal_id=74&pid={target.Id}&env=HOME={Uri.EscapeDataString(s_home)}", ct);
            // top's header says "sleeping"; wait for the process row itself: its pid, then its command
            var pid = target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(await tty.ReadUntilAsync(o => o.Contains(pid, StringComparison.Ordinal) && o.LastIndexOf("sleep", StringComparison.Ordinal) > o.IndexOf(pid, StringComparison.Ordinal), ct),
                Is.True, tty.Output);
            Assert.That(tty.Frames.Single(f => f.Opcode == '4').Payload, Is.Not.EqualTo("ssh"));
        }
        finally
        {
            target.Kill();
        }
    }

    private async Task CreateAsync(int id, JsonObject body, CancellationToken ct)
    {
        body["terminal_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["env"] = new JsonObject { ["HOME"] = s_home };
        using var response = await Host.Client.PostAsync("/api/v1/terminal/create", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        var json = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((string?)json["shell"] ?? (string?)json["shell_type"], Is.EqualTo("ssh"), json.ToJsonString());
    }
}
