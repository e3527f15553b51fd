using HoodyKit.Core.Hosting;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Drops;

/// <summary>Removes expired drops every <see cref="DropOptions.SweepInterval"/> (and once at start, for an earlier run's folders).</summary>
internal sealed partial class DropSweeper(DropStore store, IOptions<DropOptions> options, TimeProvider time, ILogger<DropSweeper> logger)
    : KitBackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                Sweep();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping (or never finished starting): not a failure to report
        }
    }

    private void Sweep()
    {
        try
        {
            var removed = store.Sweep();
            if (removed > 0) LogSwept(logger, removed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} expired drops")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drop sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
