using Microsoft.Extensions.Options;

namespace HoodyKit.Pipe.Engine;

/// <summary>
/// The rendezvous of senders and receivers by path (design/pipe.md §2): either side may come first, the party that
/// creates a pending pipe fixes its n, the pipe becomes a transfer once the sender and n receivers are there, and
/// an unestablished pipe is evicted after <see cref="PipeOptions.PendingTtl"/>. Knows nothing about HTTP.
/// </summary>
internal sealed class PipeHub([FromKeyedServices(PipeModule.ClockKey)] TimeProvider time, IOptions<PipeOptions> options)
{
    private readonly Lock _gate = new();
    private readonly PipeOptions _options = options.Value;
    private readonly Dictionary<string, PendingPipe> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PipeTransfer> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TransferStats> _finished = new(StringComparer.Ordinal);
    private long _completed;
    private long _failed;
    private long _bytes;

    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    public int ActiveCount { get { lock (_gate) return _active.Count; } }

    public long CompletedCount => Interlocked.Read(ref _completed);

    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>Bytes delivered by finished transfers (each byte counted once, whatever n).</summary>
    public long BytesTransferred => Interlocked.Read(ref _bytes);

    public JoinResult JoinSender(string key, int n, PipeSender sender)
    {
        lock (_gate)
        {
            if (_active.ContainsKey(key)) return JoinResult.Failed(JoinError.ActiveTransfer);
            if (_pending.TryGetValue(key, out var pipe))
            {
                if (pipe.Sender is not null) return JoinResult.Failed(JoinError.DuplicateSender, pipe.N);
                if (pipe.N != n) return JoinResult.Failed(JoinError.NMismatch, pipe.N);
                pipe.Sender = sender;
                return Settle(pipe, () => pipe.Sender = null);
            }

            if (_pending.Count >= _options.MaxPending) return JoinResult.Failed(JoinError.TooManyPending);
            Create(key, n).Sender = sender;
            return new JoinResult(JoinError.None, n, 0, null);
        }
    }

    public JoinResult JoinReceiver(string key, int n, PipeReceiver receiver)
    {
        lock (_gate)
        {
            if (_active.ContainsKey(key)) return JoinResult.Failed(JoinError.ActiveTransfer);
            if (_pending.TryGetValue(key, out var pipe))
            {
                if (pipe.N != n) return JoinResult.Failed(JoinError.NMismatch, pipe.N);
                if (pipe.Receivers.Count == pipe.N) return JoinResult.Failed(JoinError.ReceiverSlotsFull, pipe.N);
                pipe.Receivers.Add(receiver);
                return Settle(pipe, () => pipe.Receivers.Remove(receiver));
            }

            if (_pending.Count >= _options.MaxPending) return JoinResult.Failed(JoinError.TooManyPending);
            Create(key, n).Receivers.Add(receiver);
            return new JoinResult(JoinError.None, n, 0, null);
        }
    }

    /// <summary>
    /// Takes a party out of its pending pipe (it went away before the transfer began); an empty pipe is deleted.
    /// False when the party is no longer pending: its transfer was established, or the pipe was evicted.
    /// </summary>
    public bool Leave(string key, PipeParty party)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out var pipe)) return false;
            var removed = false;
            if (party is PipeReceiver receiver) removed = pipe.Receivers.Remove(receiver);
            else if (ReferenceEquals(pipe.Sender, party))
            {
                pipe.Sender = null;
                removed = true;
            }

            if (removed && pipe.IsEmpty) Delete(pipe);
            return removed;
        }
    }

    /// <summary>
    /// Waits until <paramref name="party"/>'s pipe is established. Null when the pipe was evicted, or when the party
    /// went away first (<paramref name="gone"/>; it is then taken out of the pipe, and <c>Left</c> is true).
    /// </summary>
    public async Task<(PipeTransfer? Transfer, bool Left)> WaitAsync(string key, PipeParty party, CancellationToken gone)
    {
        ArgumentNullException.ThrowIfNull(party);
        try
        {
            return (await party.Matched.WaitAsync(gone), false);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            if (Leave(key, party)) return (null, true);
            return (await party.Matched, false); // established (or evicted) as it left: the transfer handles it
        }
    }

    /// <summary>Ends a transfer: the path is free at once; its figures stay readable for a while.</summary>
    public void Finish(PipeTransfer transfer, bool succeeded)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var now = time.GetUtcNow();
        transfer.Stats.Finished = now;
        transfer.Stats.State = succeeded ? TransferState.Complete : TransferState.Failed;
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
        Interlocked.Add(ref _bytes, transfer.Stats.Bytes);
        lock (_gate)
        {
            if (_active.TryGetValue(transfer.Key, out var current) && ReferenceEquals(current, transfer)) _active.Remove(transfer.Key);
            PruneFinished(now);
            _finished[transfer.Key] = transfer.Stats;
        }
    }

    /// <summary>What spectators of <paramref name="key"/> see now: state, whether a sender waits, receivers, figures.</summary>
    public PipeSnapshot Snapshot(string key)
    {
        lock (_gate)
        {
            if (_active.TryGetValue(key, out var transfer))
                return new PipeSnapshot(TransferState.Streaming, true, transfer.Stats.Receivers, transfer.Stats);
            if (_pending.TryGetValue(key, out var pipe))
                return new PipeSnapshot(TransferState.Waiting, pipe.Sender is not null, pipe.Receivers.Count, pipe.Stats);
            PruneFinished(time.GetUtcNow());
            return _finished.TryGetValue(key, out var stats)
                ? new PipeSnapshot(stats.State, false, 0, stats)
                : new PipeSnapshot(TransferState.Idle, false, 0, null);
        }
    }

    private PendingPipe Create(string key, int n)
    {
        var pipe = new PendingPipe(key, n, new TransferStats(time.GetUtcNow()));
        pipe.Ttl = time.CreateTimer(static state => ((PipeHubEviction)state!).Run(), new PipeHubEviction(this, pipe),
            _options.PendingTtl, Timeout.InfiniteTimeSpan);
        _pending[key] = pipe;
        _finished.Remove(key);
        return pipe;
    }

    /// <summary>Establishes a complete pipe, or undoes the last join when the active cap is reached.</summary>
    private JoinResult Settle(PendingPipe pipe, Action undo)
    {
        var waiting = pipe.Receivers.Count;
        if (!pipe.IsComplete) return new JoinResult(JoinError.None, pipe.N, waiting, null);
        if (_active.Count >= _options.MaxActive)
        {
            undo();
            return JoinResult.Failed(JoinError.TooManyActive, pipe.N);
        }

        Delete(pipe);
        pipe.Stats.State = TransferState.Streaming;
        pipe.Stats.Started = time.GetUtcNow();
        pipe.Stats.Receivers = pipe.N;
        var transfer = new PipeTransfer(pipe.Key, pipe.Sender!, [.. pipe.Receivers], pipe.Stats);
        _active[pipe.Key] = transfer;
        transfer.Sender.Match(transfer);
        foreach (var receiver in transfer.Receivers) receiver.Match(transfer);
        return new JoinResult(JoinError.None, pipe.N, waiting, transfer);
    }

    private void Delete(PendingPipe pipe)
    {
        pipe.Ttl?.Dispose();
        _pending.Remove(pipe.Key);
    }

    internal void Evict(PendingPipe pipe)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(pipe.Key, out var current) || !ReferenceEquals(current, pipe)) return;
            Delete(pipe);
        }

        pipe.Sender?.Match(null);
        foreach (var receiver in pipe.Receivers) receiver.Match(null);
    }

    private void PruneFinished(DateTimeOffset now)
    {
        if (_finished.Count == 0) return;
        List<string>? old = null;
        foreach (var (key, stats) in _finished)
            if (stats.Finished is { } end && now - end > _options.FinishedLinger) (old ??= []).Add(key);
        if (old is null) return;
        foreach (var key in old) _finished.Remove(key);
    }

    private sealed class PipeHubEviction(PipeHub hub, PendingPipe pipe)
    {
        public void Run() => hub.Evict(pipe);
    }
}

/// <summary>A pipe as spectators see it at one moment.</summary>
internal readonly record struct PipeSnapshot(TransferState State, bool HasSender, int Receivers, TransferStats? Stats);
