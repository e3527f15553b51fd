namespace HoodyKit.Pipe.Engine;

/// <summary>Live figures of one pipe, written by its pump and read by spectators and metrics.</summary>
internal sealed class TransferStats(DateTimeOffset created)
{
    private long _bytes;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>The sender's declared length, when it gave one.</summary>
    public long? TotalBytes { get; set; }

    public int Receivers { get; set; }

    public TransferState State { get; set; } = TransferState.Waiting;

    public long Bytes => Volatile.Read(ref _bytes);

    public void Add(long count) => Interlocked.Add(ref _bytes, count);
}

/// <summary>The life of a pipe as spectators see it.</summary>
internal enum TransferState
{
    Idle,
    Waiting,
    Streaming,
    Complete,
    Failed,
}
