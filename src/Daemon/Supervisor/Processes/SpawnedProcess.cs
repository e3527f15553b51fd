using System.Diagnostics;
using HoodyKit.Daemon.Supervisor.Logs;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// A running child: its pid, the marker in its environment, and the pumps that copy its stdout and
/// stderr into the log files (hoodykit owns the pipes). <see cref="Exited"/> completes with the exit
/// code as soon as the main pid exits, whoever still holds the pipes.
/// </summary>
internal sealed partial class SpawnedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _pumps;

    public SpawnedProcess(Process process, string marker, DateTimeOffset startedAt, RotatingLogWriter? stdout, RotatingLogWriter? stderr, ILogger logger)
    {
        _process = process;
        Marker = marker;
        StartedAt = startedAt;
        Pid = process.Id;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, stdout, logger),
            PumpAsync(process.StandardError.BaseStream, stderr, logger));
        Exited = WaitForExitAsync();
    }

    public int Pid { get; }

    public string Marker { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The exit code (128 + signal for a death by signal).</summary>
    public Task<int> Exited { get; }

    public async ValueTask DisposeAsync()
    {
        await _pumps;
        _process.Dispose();
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private static async Task PumpAsync(Stream source, RotatingLogWriter? sink, ILogger logger)
    {
        var buffer = new byte[16 * 1024];
        await using (source)
        await using (sink)
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                if (sink is null) continue;
                try
                {
                    await sink.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                }
                catch (IOException ex)
                {
                    LogWriteFailed(logger, ex); // keep draining the pipe so the program never blocks on a full log disk
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write program output to its log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
