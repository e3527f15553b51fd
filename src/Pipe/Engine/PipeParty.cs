namespace HoodyKit.Pipe.Engine;

/// <summary>
/// A sender or receiver waiting in a pipe. <see cref="Matched"/> completes with the transfer once every party is
/// there, or with null when the pipe's pending time ran out.
/// </summary>
internal abstract class PipeParty
{
    private readonly TaskCompletionSource<PipeTransfer?> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<PipeTransfer?> Matched => _matched.Task;

    internal void Match(PipeTransfer? transfer) => _matched.TrySetResult(transfer);
}

/// <summary>The party whose body is streamed.</summary>
internal sealed class PipeSender : PipeParty;

/// <summary>
/// A party that receives the stream through <see cref="Sink"/>. <see cref="Done"/> completes once the transfer no
/// longer touches it (finished, aborted or dropped): its request must not end before.
/// </summary>
internal sealed class PipeReceiver(IReceiverSink sink) : PipeParty
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReceiverSink Sink { get; } = sink;

    public Task Done => _done.Task;

    internal void Release() => _done.TrySetResult();
}
