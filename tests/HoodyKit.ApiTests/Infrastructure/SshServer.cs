using System.Diagnostics;
using System.Net.Sockets;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>
/// A real OpenSSH server on a loopback port for one test class: its own host key and config in a temp folder,
/// password and public-key logins for a test user. Skips the test when sshd is missing or the tests are not root.
/// </summary>
internal sealed class SshServer : IAsyncDisposable
{
    public const string User = "hoodykit-ssh";
    public const string Password = "s3cret-Pass_word";

    private readonly Process _sshd;

    private SshServer(Process sshd, int port, string folder, string clientKey)
    {
        _sshd = sshd;
        Port = port;
        Folder = folder;
        ClientKey = clientKey;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>An ed25519 private key (OpenSSH format) whose public half the server accepts for <see cref="User"/>.</summary>
    public string ClientKey { get; }

    public static async Task<SshServer> StartAsync(CancellationToken ct)
    {
        if (Environment.UserName != "root") Assert.Ignore("an sshd for the tests needs root");
        if (!File.Exists("/usr/sbin/sshd")) Assert.Ignore("sshd is not installed (Debian package openssh-server); `make test` installs it");
        Tool.Require("ssh-keygen", "openssh-client");
        await EnsureUserAsync(ct);

        var folder = Directory.CreateTempSubdirectory("hk-sshd-").FullName;
        Directory.CreateDirectory("/run/sshd");
        await MustAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "host_key")], ct);
        await MustAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "client_key")], ct);
        File.Copy(Path.Combine(folder, "client_key.pub"), Path.Combine(folder, "authorized_keys"));
        // sshd reads authorized_keys as the user logging in
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(folder, "authorized_keys"), (UnixFileMode)0b110_100_100);
        var port = KitProcess.FreePort();
        var config = Path.Combine(folder, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {folder}/host_key
            PidFile {folder}/sshd.pid
            AuthorizedKeysFile {folder}/authorized_keys
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin no
            StrictModes no

            """, ct);
        // its log goes to a file: a redirected pipe would be inherited by the per-connection children, and
        // waiting for the listener's exit would then wait for every session to end
        var sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-E", Path.Combine(folder, "sshd.log"), "-f", config])
        {
            UseShellExecute = false,
        })!;
        var server = new SshServer(sshd, port, folder, await File.ReadAllTextAsync(Path.Combine(folder, "client_key"), ct));
        await server.WaitUntilListeningAsync(ct);
        return server;
    }

    /// <summary>Forgets the server's host key in the local user's known_hosts (ssh pinned it on first use).</summary>
    public async ValueTask DisposeAsync()
    {
        _sshd.Kill();
        await _sshd.WaitForExitAsync();
        _sshd.Dispose();
        var knownHosts = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
        if (File.Exists(knownHosts)) await Tool.RunAsync("ssh-keygen", ["-R", $"[127.0.0.1]:{Port}", "-f", knownHosts], CancellationToken.None);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A SOCKS5 proxy on a loopback port: <c>ssh -N -D</c> into this server (the caller kills it).</summary>
    public async Task<(Process Proxy, int Port)> StartSocksProxyAsync(CancellationToken ct)
    {
        var port = KitProcess.FreePort();
        var proxy = Process.Start(new ProcessStartInfo("ssh",
        [
            "-N", "-D", $"127.0.0.1:{port}", "-i", Path.Combine(Folder, "client_key"), "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", $"{User}@127.0.0.1",
        ]) { UseShellExecute = false })!;
        await WaitUntilListeningAsync(proxy, port, ct);
        return (proxy, port);
    }

    private Task WaitUntilListeningAsync(CancellationToken ct) => WaitUntilListeningAsync(_sshd, Port, ct);

    private static async Task WaitUntilListeningAsync(Process process, int port, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (process.HasExited) Assert.Fail($"{process.StartInfo.FileName} exited with {process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct);
            }
        }
    }

    private static async Task EnsureUserAsync(CancellationToken ct)
    {
        if ((await Tool.RunAsync("getent", ["passwd", User], ct)).ExitCode != 0)
            await MustAsync("useradd", ["--create-home", "--shell", "/bin/sh", User], ct);
        var chpasswd = Process.Start(new ProcessStartInfo("chpasswd") { RedirectStandardInput = true, UseShellExecute = false })!;
        await chpasswd.StandardInput.WriteLineAsync($"{User}:{Password}".AsMemory(), ct);
        chpasswd.StandardInput.Close();
        await chpasswd.WaitForExitAsync(ct);
        Assert.That(chpasswd.ExitCode, Is.Zero, "chpasswd");
    }

    private static async Task MustAsync(string command, string[] args, CancellationToken ct)
    {
        var (code, output) = await Tool.RunAsync(command, args, ct);
        Assert.That(code, Is.Zero, $"{command}: {output}");
    }
}
