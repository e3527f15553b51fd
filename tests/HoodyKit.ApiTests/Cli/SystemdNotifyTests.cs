using System.Net.Sockets;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Cli;

/// <summary>
/// <c>Type=notify</c>: hoodykit tells the service manager READY=1 once it serves, and STOPPING=1 on TERM.
/// The test plays systemd's part: a datagram socket in <c>NOTIFY_SOCKET</c>, and a parent process whose name is
/// <c>systemd</c> (a copy of /bin/sh), which is how the hosting library recognises a systemd service.
/// </summary>
public sealed class SystemdNotifyTests
{
    [Test, CancelAfter(30_000)]
    public async Task Notifies_ready_once_serving_and_stopping_on_sigterm(CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("hk-notify-").FullName;
        try
        {
            var socketPath = Path.Combine(dir, "notify.sock");
            using var manager = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            manager.Bind(new UnixDomainSocketEndPoint(socketPath));
            var port = KitProcess.FreePort();
            var parent = Path.Combine(dir, "systemd");
            File.Copy("/bin/sh", parent);
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var command = $"'{KitProcess.Executable}' --listen 127.0.0.1:{port} --data-dir '{dir}' --log-dir '{dir}'; exit $?";
            await using var kit = KitProcess.Start(["-c", command], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath }, parent);

            Assert.That(await ReceiveAsync(manager, ct), Does.Contain("READY=1"));
            using (var client = new HttpClient())
            using (var health = await client.GetAsync($"http://127.0.0.1:{port}/api/v1/daemon/health", ct))
                Assert.That(health.IsSuccessStatusCode, Is.True, "READY=1 came before the port answered");

            await KitProcess.TerminateAsync(await ChildOfAsync(kit.Pid, ct), ct);
            Assert.That(await ReceiveAsync(manager, ct), Does.Contain("STOPPING=1"));
            Assert.That(await kit.WaitForExitAsync(ct), Is.Zero, kit.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> ChildOfAsync(int pid, CancellationToken ct)
    {
        while (true)
        {
            var children = await File.ReadAllTextAsync($"/proc/{pid}/task/{pid}/children", ct);
            if (children.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var child, ..])
                return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(10, ct);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
