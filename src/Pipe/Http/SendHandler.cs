using System.IO.Pipelines;
using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// POST/PUT on a pipe path (design/pipe.md §10): limits off, validate, join, start reading the body before the 200
/// goes out (curl's <c>Expect: 100-continue</c>), report progress in <c>[INFO]</c> lines, then pump to the receivers.
/// </summary>
internal static class SendHandler
{
    public static async Task SendAsync(HttpContext context, string key, PipeHub hub, PipeOptions options, TimeProvider time)
    {
        var request = context.Request;
        RequestLimits.Lift(context);
        if (PipeKey.IsReserved(key))
        {
            await PipeErrors.Reserved(key).ExecuteAsync(context);
            return;
        }

        if (request.Headers.ContainsKey("Content-Range"))
        {
            await PipeErrors.ContentRange().ExecuteAsync(context);
            return;
        }

        if (!ReceiverCount.TryParse(request.Query.TryGetValue("n", out var nText) ? nText.ToString() : null, out var n))
        {
            await PipeErrors.InvalidN().ExecuteAsync(context);
            return;
        }

        var sender = new PipeSender();
        var join = hub.JoinSender(key, n, sender);
        if (join.Error != JoinError.None)
        {
            await PipeErrors.Join(join, key, n).ExecuteAsync(context);
            return;
        }

        // The first read sends curl its "100 Continue"; it must start before the 200 (design/pipe.md §9).
        var firstRead = request.BodyReader.ReadAsync(context.RequestAborted).AsTask();
        var lines = new SenderLines(context);
        lines.Start();
        await lines.WriteAsync($"[INFO] Waiting for {n} receiver(s) to connect...\n");
        if (join.ReceiversWaiting > 0) await lines.WriteAsync($"[INFO] {join.ReceiversWaiting} receiver(s) already connected.\n");

        var transfer = join.Transfer;
        if (transfer is null)
        {
            (transfer, var left) = await hub.WaitAsync(key, sender, context.RequestAborted);
            if (transfer is null)
            {
                if (!firstRead.IsCompleted) request.BodyReader.CancelPendingRead();
                await DiscardAsync(firstRead, request.BodyReader);
                if (!left) await lines.EndAndAbortAsync("[ERROR] Timed out waiting for receiver(s).\n", options.AbortGrace, time);
                return;
            }
        }

        var succeeded = false;
        try
        {
            succeeded = await TransferAsync(context, transfer, firstRead, lines, options, time);
        }
        finally
        {
            foreach (var receiver in transfer.Receivers)
            {
                if (!succeeded) receiver.Sink.Abort(); // whatever went wrong, a receiver never sees a clean end of a cut stream
                receiver.Release();
            }

            hub.Finish(transfer, succeeded);
        }
    }

    private static async Task<bool> TransferAsync(HttpContext context, PipeTransfer transfer, Task<ReadResult> firstRead,
        SenderLines lines, PipeOptions options, TimeProvider time)
    {
        var request = context.Request;
        var sinks = transfer.Receivers.Select(r => r.Sink).ToList();
        await lines.WriteAsync($"[INFO] Streaming to {transfer.Receivers.Count} receiver(s)...\n");
        var boundary = MultipartSource.Boundary(request.ContentType);
        var headers = boundary is null ? ForwardedHeaders.FromRequest(request) : null;
        if (headers is not null) await StartReceiversAsync(sinks, headers); // a plain body's headers are known: receivers get them at once

        ReadResult first;
        try
        {
            first = await firstRead;
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            return Failed(sinks);
        }

        request.BodyReader.AdvanceTo(first.Buffer.Start); // nothing consumed: the pump (or the form reader) reads it again
        PipeReader source = request.BodyReader;
        if (boundary is not null)
        {
            using var partTimeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            partTimeout.CancelAfter(options.MultipartPartTimeout);
            (PipeReader Body, TransferHeaders Headers)? part;
            try
            {
                part = await MultipartSource.OpenAsync(request.Body, boundary, request.Headers, partTimeout.Token);
            }
            catch (Exception ex) when (Disconnects.Is(ex))
            {
                return Failed(sinks);
            }

            (source, headers) = part ?? (PipeReader.Create(Stream.Null), TransferHeaders.Empty with { Custom = ForwardedHeaders.Custom(request.Headers) });
            await StartReceiversAsync(sinks, headers);
        }

        transfer.Stats.TotalBytes = headers!.ContentLength;
        sinks.RemoveAll(s => s.IsGone);
        var outcome = sinks.Count == 0
            ? PumpOutcome.ReceiversGone
            : await FanOut.RunAsync(source, sinks, transfer.Stats, options.TransferIdleTimeout, context.RequestAborted);
        switch (outcome)
        {
            case PumpOutcome.Completed:
                await lines.WriteAsync("[INFO] Upload complete.\n");
                foreach (var sink in sinks) await sink.CompleteAsync();
                await lines.WriteAsync("[INFO] Transfer complete.\n");
                return true;
            case PumpOutcome.ReceiversGone:
                await lines.EndAndAbortAsync("[ERROR] Transfer failed: all receivers disconnected.\n", options.AbortGrace, time);
                return false;
            default:
                await lines.WriteAsync("[ERROR] Transfer failed: the upload was interrupted.\n");
                return false;
        }
    }

    private static async Task StartReceiversAsync(List<IReceiverSink> sinks, TransferHeaders headers)
    {
        foreach (var sink in sinks) await sink.StartAsync(headers);
    }

    private static bool Failed(List<IReceiverSink> sinks)
    {
        foreach (var sink in sinks) sink.Abort();
        return false;
    }

    /// <summary>Ends the first read (cancelled, failed or with data, which is dropped) so the body can be read again.</summary>
    private static async Task DiscardAsync(Task<ReadResult> read, PipeReader body)
    {
        try
        {
            var result = await read;
            body.AdvanceTo(result.Buffer.End);
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            // the sender left while its first read waited: nothing to report
        }
    }
}
