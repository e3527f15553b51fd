using System.Buffers;
using HoodyKit.Daemon.Supervisor.Logs;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// A running child: its pid, the marker in its environment, and the pumps that copy its stdout and
/// stderr into the log files (hoodykit owns the pipes). <see cref="Exited"/> completes with the exit
/// code as soon as the main pid exits, whoever still holds the pipes.
/// </summary>
/// <remarks>An idle program holds 2 × 512 bytes of buffers; 16 KB chunks are rented only while output flows.</remarks>
internal sealed partial class SpawnedProcess : IAsyncDisposable
{
    private const int IdleBytes = 512;
    private const int ChunkBytes = 16 * 1024;

    private readonly Task _pumps;

    public SpawnedProcess(int pid, Task<int> exited, string marker, DateTimeOffset startedAt,
        Stream stdout, RotatingLogWriter? stdoutLog, Stream stderr, RotatingLogWriter? stderrLog, ILogger logger)
    {
        Pid = pid;
        Exited = exited;
        Marker = marker;
        StartedAt = startedAt;
        _pumps = Task.WhenAll(PumpAsync(stdout, stdoutLog, logger), PumpAsync(stderr, stderrLog, logger));
    }

    public int Pid { get; }

    public string Marker { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The exit code (128 + signal for a death by signal).</summary>
    public Task<int> Exited { get; }

    public async ValueTask DisposeAsync() => await _pumps;

    /// <summary>
    /// Waits with a small buffer of its own (pipes answer a zero-byte read at once, so it cannot wait with none);
    /// a read that fills it means output is flowing, and the pipe is then drained in pooled chunks.
    /// </summary>
    private static async Task PumpAsync(Stream source, RotatingLogWriter? sink, ILogger logger)
    {
        await using (source)
        await using (sink)
        {
            var small = new byte[IdleBytes];
            while (true)
            {
                var read = await source.ReadAsync(small);
                if (read == 0) return;
                if (sink is not null) await WriteAsync(sink, small.AsMemory(0, read), logger);
                if (read == small.Length && !await DrainAsync(source, sink, logger)) return;
            }
        }
    }

    /// <summary>Copies in pooled chunks until a short read says the pipe is (for now) empty; false at the end of the output.</summary>
    private static async Task<bool> DrainAsync(Stream source, RotatingLogWriter? sink, ILogger logger)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            do
            {
                read = await source.ReadAsync(chunk);
                if (read == 0) return false;
                if (sink is not null) await WriteAsync(sink, chunk.AsMemory(0, read), logger);
            }
            while (read == chunk.Length);

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task WriteAsync(RotatingLogWriter sink, ReadOnlyMemory<byte> chunk, ILogger logger)
    {
        try
        {
            await sink.WriteAsync(chunk, CancellationToken.None);
        }
        catch (IOException ex)
        {
            LogWriteFailed(logger, ex); // keep draining the pipe so the program never blocks on a full log disk
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write program output to its log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
