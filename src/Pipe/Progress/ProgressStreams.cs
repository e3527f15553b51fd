using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HoodyKit.Pipe.Endpoints;
using HoodyKit.Pipe.Engine;
using HoodyKit.Pipe.Http;
using Microsoft.Extensions.Options;

namespace HoodyKit.Pipe.Progress;

/// <summary>
/// <c>?progress</c> (design/pipe.md §6): the dashboard for browsers, else server-sent events <c>state</c>,
/// <c>progress</c> (every 250 ms while streaming) and <c>done</c>. Spectators never take a receiver slot.
/// </summary>
internal sealed class ProgressStreams(PipeHub hub, SpectatorGate gate, PipePages pages,
    [FromKeyedServices(PipeModule.ClockKey)] TimeProvider time, IOptions<PipeOptions> options)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public async Task ServeAsync(HttpContext context, string key)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await pages.Progress(context, key).ExecuteAsync(context);
            return;
        }

        if (!gate.TryEnter(key))
        {
            await new PipeError(StatusCodes.Status429TooManyRequests, "TOO_MANY_SPECTATORS", "Too many progress watchers. Try again later.")
                .ExecuteAsync(context);
            return;
        }

        try
        {
            RequestLimits.Lift(context);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            limit.CancelAfter(options.Value.SpectatorMaxDuration);
            await StreamAsync(context, key, limit.Token);
        }
        catch (OperationCanceledException)
        {
            // the spectator left, or its time is up
        }
        finally
        {
            gate.Exit(key);
        }
    }

    private async Task StreamAsync(HttpContext context, string key, CancellationToken ct)
    {
        var response = context.Response;
        PipeCors.Apply(context);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(ct);
        StateEvent? last = null;
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            var snapshot = hub.Snapshot(key);
            if (snapshot.State is TransferState.Complete or TransferState.Failed && snapshot.Stats is { } finished)
            {
                await SendAsync(response, "done", Done(finished), PipeJsonContext.Default.DoneEvent, ct);
                return;
            }

            var state = new StateEvent(Name(snapshot.State), snapshot.HasSender, snapshot.Receivers);
            if (state != last) await SendAsync(response, "state", state, PipeJsonContext.Default.StateEvent, ct);
            last = state;
            if (snapshot is { State: TransferState.Streaming, Stats: { } stats })
                await SendAsync(response, "progress", Figures(stats), PipeJsonContext.Default.ProgressEvent, ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private ProgressEvent Figures(TransferStats stats)
    {
        var bytes = stats.Bytes;
        var seconds = stats.Started is { } started ? (time.GetUtcNow() - started).TotalSeconds : 0;
        var speed = seconds > 0 ? (long)(bytes / seconds) : 0;
        double? eta = stats.TotalBytes is { } total && speed > 0 ? Math.Max(0, total - bytes) / (double)speed : null;
        return new ProgressEvent(bytes, stats.TotalBytes, speed, eta, stats.Receivers);
    }

    private static DoneEvent Done(TransferStats stats)
    {
        var seconds = stats.Started is { } started && stats.Finished is { } finished ? (finished - started).TotalSeconds : 0;
        return new DoneEvent(Name(stats.State), stats.Bytes, Math.Round(seconds, 3), seconds > 0 ? (long)(stats.Bytes / seconds) : stats.Bytes);
    }

    private static string Name(TransferState state) => state switch
    {
        TransferState.Idle => "idle",
        TransferState.Waiting => "waiting",
        TransferState.Streaming => "streaming",
        TransferState.Complete => "complete",
        _ => "failed",
    };

    private static async Task SendAsync<T>(HttpResponse response, string name, T value, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var text = new StringBuilder("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(value, type)).Append("\n\n");
        await response.WriteAsync(text.ToString(), ct);
        await response.Body.FlushAsync(ct);
    }
}
