namespace HoodyKit.Pipe.Engine;

/// <summary>An established pipe: one sender, exactly n receivers, and its figures.</summary>
internal sealed class PipeTransfer(string key, PipeSender sender, IReadOnlyList<PipeReceiver> receivers, TransferStats stats)
{
    public string Key { get; } = key;

    public PipeSender Sender { get; } = sender;

    public IReadOnlyList<PipeReceiver> Receivers { get; } = receivers;

    public TransferStats Stats { get; } = stats;
}
