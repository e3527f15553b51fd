using System.Buffers;
using System.IO.Pipelines;

namespace HoodyKit.Pipe.Engine;

/// <summary>
/// The lockstep pump (design/pipe.md §5): read one chunk of the sender's body, write it to every live receiver,
/// flush them all, then advance. Memory stays at about one chunk per receiver; the slowest receiver paces everyone.
/// A receiver that goes away is dropped; a sender that fails aborts every receiver.
/// </summary>
internal static class FanOut
{
    /// <param name="source">The sender's body.</param>
    /// <param name="sinks">The receivers, in join order.</param>
    /// <param name="stats">Counts the bytes moved.</param>
    /// <param name="idleTimeout">A read that waits longer fails the sender; zero: no limit.</param>
    /// <param name="senderGone">Fires when the sender disconnects.</param>
    /// <returns>How it ended; after <see cref="PumpOutcome.Completed"/> the sinks not gone still await their completion.</returns>
    public static async Task<PumpOutcome> RunAsync(PipeReader source, IReadOnlyList<IReceiverSink> sinks, TransferStats stats,
        TimeSpan idleTimeout, CancellationToken senderGone)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(stats);
        var live = new List<IReceiverSink>(sinks);
        var flushes = new Task<bool>[live.Count];
        using var idle = idleTimeout > TimeSpan.Zero ? CancellationTokenSource.CreateLinkedTokenSource(senderGone) : null;
        while (true)
        {
            ReadResult result;
            try
            {
                if (idle is null) result = await source.ReadAsync(senderGone);
                else
                {
                    idle.CancelAfter(idleTimeout);
                    result = await source.ReadAsync(idle.Token);
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                AbortAll(live);
                return PumpOutcome.SenderFailed;
            }

            if (result.IsCanceled)
            {
                AbortAll(live);
                return PumpOutcome.SenderFailed;
            }

            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                foreach (var sink in live)
                    Write(sink, buffer);
                await FlushAllAsync(live, flushes);
                stats.Add(buffer.Length);
            }

            source.AdvanceTo(buffer.End);
            // the whole body went to the receivers still there at its last chunk: complete, even when one of them went
            // away during that last flush (curl closes the moment a Content-Length is met, and that raced the flush);
            // the caller completes the live sinks
            if (result.IsCompleted) return PumpOutcome.Completed;
            if (live.Count == 0) return PumpOutcome.ReceiversGone;
        }
    }

    private static void Write(IReceiverSink sink, in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            sink.Write(buffer.FirstSpan);
            return;
        }

        foreach (var segment in buffer)
            sink.Write(segment.Span);
    }

    /// <summary>Flushes every live sink, concurrently when more than one must wait; drops the ones that went away.</summary>
    private static async ValueTask FlushAllAsync(List<IReceiverSink> live, Task<bool>[] pending)
    {
        if (live.Count == 1)
        {
            if (!await live[0].FlushAsync()) live.RemoveAt(0);
            return;
        }

        var waiting = 0;
        for (var i = 0; i < live.Count; i++)
        {
            var flush = live[i].FlushAsync();
            pending[i] = flush.IsCompletedSuccessfully ? (flush.Result ? s_true : s_false) : flush.AsTask();
            if (!pending[i].IsCompleted) waiting++;
        }

        if (waiting > 0) await Task.WhenAll(pending.AsSpan(0, live.Count));
        for (var i = live.Count - 1; i >= 0; i--)
        {
            if (!pending[i].Result) live.RemoveAt(i);
            pending[i] = s_true;
        }
    }

    private static void AbortAll(List<IReceiverSink> live)
    {
        foreach (var sink in live) sink.Abort();
        live.Clear();
    }

    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);
}
