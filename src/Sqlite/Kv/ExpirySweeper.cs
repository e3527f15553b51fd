using HoodyKit.Core.Hosting;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Kv;

/// <summary>Deletes expired KV rows of the open databases every <see cref="SqliteOptions.ExpirySweepInterval"/> (they are invisible already).</summary>
internal sealed partial class ExpirySweeper(DatabaseCache cache, KvStore store, IOptions<SqliteOptions> options, TimeProvider time, ILogger<ExpirySweeper> logger) : KitBackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var lease in cache.LeaseAll())
                {
                    using (lease)
                    {
                        try
                        {
                            await store.SweepAsync(lease.Entry, stoppingToken);
                        }
                        catch (Exception ex) when (ex is SqliteFailure or StoreException)
                        {
                            LogSweepFailed(logger, ex, lease.Entry.Path);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired keys of {Path} failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string path);
}
