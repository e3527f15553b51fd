namespace HoodyKit.Pipe.Engine;

/// <summary>A pipe waiting for its parties: its n, the sender if it came, the receivers so far, its eviction timer.</summary>
internal sealed class PendingPipe(string key, int n, TransferStats stats)
{
    public string Key { get; } = key;

    public int N { get; } = n;

    public PipeSender? Sender { get; set; }

    public List<PipeReceiver> Receivers { get; } = [];

    public TransferStats Stats { get; } = stats;

    public ITimer? Ttl { get; set; }

    public bool IsEmpty => Sender is null && Receivers.Count == 0;

    public bool IsComplete => Sender is not null && Receivers.Count == N;
}
