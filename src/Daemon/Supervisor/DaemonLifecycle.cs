using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.QuickStart;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>
/// Loads the programs before the server takes requests, starts the boot programs once the host is up
/// (in the background: tiers may wait), and stops every program in reverse priority when hoodykit stops.
/// </summary>
internal sealed partial class DaemonLifecycle(ProgramStore store, ProgramSupervisor supervisor, QuickStarts quickStarts,
    ILogger<DaemonLifecycle> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _boot = Task.CompletedTask;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await quickStarts.RecoverAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _boot = BootAsync();
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _boot;
        await quickStarts.ShutdownAsync();
        await supervisor.ShutdownAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task BootAsync()
    {
        try
        {
            await supervisor.BootAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogBootInterrupted(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "hoodykit is stopping; the remaining boot programs were not started")]
    private static partial void LogBootInterrupted(ILogger logger);
}
