using HoodyKit.Core.Hosting;

namespace HoodyKit.Sqlite.History;

/// <summary>Writes the queued query history about twice a second, and once more on stop.</summary>
internal sealed partial class HistoryFlusher(QueryHistory history, ILogger<HistoryFlusher> logger) : KitBackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await Flush(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await Flush(CancellationToken.None);
    }

    private async Task Flush(CancellationToken ct)
    {
        try
        {
            await history.FlushAsync(ct);
        }
        catch (Storage.SqliteFailure ex)
        {
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the sqlite query history failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
