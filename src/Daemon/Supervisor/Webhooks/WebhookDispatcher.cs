using System.Threading.Channels;
using HoodyKit.Core.Health;
using HoodyKit.Core.Hosting;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor.Webhooks;

/// <summary>
/// Delivers webhooks off the supervision path: state changes are queued (bounded; the oldest is dropped
/// and logged when full) and POSTed by a few workers, each URL retried with growing pauses.
/// </summary>
internal sealed partial class WebhookDispatcher : KitBackgroundService
{
    private const int Workers = 4;
    private readonly Channel<Delivery> _queue;
    private readonly ProgramStore _store;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(StateChanges changes, ProgramStore store, IHttpClientFactory clients, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _store = store;
        _clients = clients;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => LogDropped(logger, dropped.Url, dropped.Event.Event));
        changes.Subscribe(Enqueue);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private void Enqueue(StateChange change)
    {
        if (change.ProgramId == 0 || _store.Find(change.ProgramId) is not { Webhooks: { } hooks } program) return;
        var state = change.To.Upper();
        if (!hooks.Wants(state)) return;
        var body = new WebhookEvent(state, change.From.Upper(), new WebhookProgram(program.Id, program.Name), change.Instance.Port,
            change.Instance.Pid, change.To == ProgramState.Exited || change.To == ProgramState.Fatal ? change.Instance.ExitCode : null,
            ProcessFacts.Iso(change.At));
        foreach (var url in hooks.Urls) _queue.Writer.TryWrite(new Delivery(url, body, hooks));
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(ct))
            {
                for (var attempt = 0; attempt <= delivery.Config.Retry; attempt++)
                {
                    if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(attempt), _time, ct);
                    if (await SendAsync(delivery, ct)) break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the host is stopping, or was disposed without starting (a port in use): not a failure to report
        }
    }

    private async Task<bool> SendAsync(Delivery delivery, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(delivery.Config.Timeout));
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = JsonContent.Create(delivery.Event, WebhookJsonContext.Default.WebhookEvent),
        };
        foreach (var (name, value) in delivery.Config.Headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await _clients.CreateClient("webhooks").SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode) return true;
            LogRejected(_logger, delivery.Url, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogFailed(_logger, delivery.Url, ex.Message);
        }

        return false;
    }

    private sealed record Delivery(string Url, WebhookEvent Event, WebhookConfig Config);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook queue full: dropped {Event} for {Url}")]
    private static partial void LogDropped(ILogger logger, string url, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url} answered {Status}")]
    private static partial void LogRejected(ILogger logger, string url, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string url, string reason);
}
