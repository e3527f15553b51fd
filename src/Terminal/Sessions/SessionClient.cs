using System.Threading.Channels;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// One attached viewer. Output goes through a bounded queue, so a slow client never holds up the PTY:
/// when its queue overflows it is emptied and refilled with a replay of the screen (lossless resync).
/// </summary>
internal sealed class SessionClient(bool readOnly)
{
    public const int MaxQueuedBytes = 2 * 1024 * 1024;
    // two readers: the sender, and Resync draining it from the PTY thread
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = false });
    private long _queuedBytes;

    public bool ReadOnly => readOnly;

    private TaskCompletionSource? _resumed;

    public ChannelReader<byte[]> Output => _queue.Reader;

    /// <summary>Queues output; false when the queue overflowed and the client needs a resync.</summary>
    public bool Offer(byte[] data)
    {
        if (Interlocked.Add(ref _queuedBytes, data.Length) > MaxQueuedBytes) return false;
        return _queue.Writer.TryWrite(data);
    }

    /// <summary>Drops what is queued and queues <paramref name="replay"/> instead.</summary>
    public void Resync(byte[] replay)
    {
        while (_queue.Reader.TryRead(out _))
        {
        }

        Interlocked.Exchange(ref _queuedBytes, replay.Length);
        _queue.Writer.TryWrite(replay);
    }

    /// <summary>Called by the sender after a chunk went out.</summary>
    public void Sent(int bytes) => Interlocked.Add(ref _queuedBytes, -bytes);

    public void Close() => _queue.Writer.TryComplete();

    /// <summary>PAUSE from the client (xterm.js flow control): output waits in the queue.</summary>
    public void Pause() => Interlocked.CompareExchange(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void Resume() => Interlocked.Exchange(ref _resumed, null)?.TrySetResult();

    public Task WaitWhilePausedAsync(CancellationToken ct) => Volatile.Read(ref _resumed)?.Task.WaitAsync(ct) ?? Task.CompletedTask;
}
