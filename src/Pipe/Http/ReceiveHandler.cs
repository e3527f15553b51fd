using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe.Http;

/// <summary>GET on a pipe path: join as a receiver, wait for the transfer, and let the sender's pump write the response.</summary>
internal static class ReceiveHandler
{
    public static async Task ReceiveAsync(HttpContext context, string key, PipeHub hub)
    {
        var request = context.Request;
        RequestLimits.Lift(context);
        if (string.Equals(request.Headers["Service-Worker"], "script", StringComparison.OrdinalIgnoreCase))
        {
            await PipeErrors.ServiceWorker().ExecuteAsync(context);
            return;
        }

        if (!ReceiverCount.TryParse(request.Query.TryGetValue("n", out var nText) ? nText.ToString() : null, out var n))
        {
            await PipeErrors.InvalidN().ExecuteAsync(context);
            return;
        }

        var receiver = new PipeReceiver(new HttpReceiverSink(context, key));
        var join = hub.JoinReceiver(key, n, receiver);
        if (join.Error != JoinError.None)
        {
            await PipeErrors.Join(join, key, n).ExecuteAsync(context);
            return;
        }

        var (transfer, left) = join.Transfer is { } now ? (now, false) : await hub.WaitAsync(key, receiver, context.RequestAborted);
        if (transfer is null)
        {
            if (!left) await PipeErrors.ReceiverTimedOut().ExecuteAsync(context);
            return;
        }

        await receiver.Done; // the sender's pump owns this response until it releases it
    }
}
