using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>The real <c>hoodykit</c> executable (built next to the tests) run as a child process.</summary>
internal sealed class KitProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _pumps;

    private KitProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "hoodykit");

    public int Pid => _process.Id;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static KitProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? executable = null)
    {
        var psi = new ProcessStartInfo(executable ?? Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("hoodykit did not start");
        process.StandardInput.Close();
        return new KitProcess(process);
    }

    /// <summary>Runs to completion: exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken ct, params string[] args)
    {
        await using var process = Start(args);
        var code = await process.WaitForExitAsync(ct);
        return (code, process.Output);
    }

    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        await _pumps.WaitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public Task TerminateAsync(CancellationToken ct) => TerminateAsync(_process.Id, ct);

    /// <summary>Sends SIGTERM to any process.</summary>
    public static async Task TerminateAsync(int pid, CancellationToken ct)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(ct);
    }

    /// <summary>Polls until <paramref name="probe"/> succeeds or the process exits; the test's token bounds the wait.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> probe, CancellationToken ct)
    {
        while (true)
        {
            if (_process.HasExited) throw new AssertionException("hoodykit exited early:\n" + Output);
            try
            {
                if (await probe()) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(20, ct);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            lock (_output) { _output.Append(buffer, 0, read); }
    }
}
