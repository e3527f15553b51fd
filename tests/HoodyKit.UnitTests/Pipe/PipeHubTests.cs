using HoodyKit.Pipe;
using HoodyKit.Pipe.Engine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Pipe;

public sealed class PipeHubTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private PipeHub Hub(int maxPending = 1000, int maxActive = 1000) =>
        new(_time, Options.Create(new PipeOptions { MaxPending = maxPending, MaxActive = maxActive }));

    private static PipeReceiver Receiver() => new(new NullSink());

    [Test]
    public void A_sender_then_a_receiver_establish_the_transfer_for_both()
    {
        var hub = Hub();
        var sender = new PipeSender();
        Assert.That(hub.JoinSender("/a", 1, sender).Transfer, Is.Null);
        var receiver = Receiver();
        var joined = hub.JoinReceiver("/a", 1, receiver);
        Assert.That(joined.Transfer, Is.Not.Null);
        Assert.That(sender.Matched.Result, Is.SameAs(joined.Transfer));
        Assert.That(receiver.Matched.Result, Is.SameAs(joined.Transfer));
        Assert.That(hub.Snapshot("/a").State, Is.EqualTo(TransferState.Streaming));
    }

    [Test]
    public void Receivers_first_wait_for_n_and_the_sender_hears_how_many_came()
    {
        var hub = Hub();
        Assert.That(hub.JoinReceiver("/a", 2, Receiver()).Error, Is.EqualTo(JoinError.None));
        Assert.That(hub.JoinReceiver("/a", 2, Receiver()).Transfer, Is.Null, "no sender yet");
        var joined = hub.JoinSender("/a", 2, new PipeSender());
        Assert.That(joined.ReceiversWaiting, Is.EqualTo(2));
        Assert.That(joined.Transfer!.Receivers, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_first_party_fixes_n_and_every_refusal_has_its_reason()
    {
        var hub = Hub();
        hub.JoinReceiver("/a", 2, Receiver());
        Assert.That(hub.JoinSender("/a", 3, new PipeSender()), Is.EqualTo(JoinResult.Failed(JoinError.NMismatch, 2)));
        Assert.That(hub.JoinReceiver("/a", 1, Receiver()).Error, Is.EqualTo(JoinError.NMismatch));
        hub.JoinReceiver("/a", 2, Receiver());
        Assert.That(hub.JoinReceiver("/a", 2, Receiver()).Error, Is.EqualTo(JoinError.ReceiverSlotsFull));

        hub.JoinSender("/b", 1, new PipeSender());
        Assert.That(hub.JoinSender("/b", 1, new PipeSender()).Error, Is.EqualTo(JoinError.DuplicateSender));
        hub.JoinReceiver("/b", 1, Receiver());
        Assert.That(hub.JoinReceiver("/b", 1, Receiver()).Error, Is.EqualTo(JoinError.ActiveTransfer));
        Assert.That(hub.JoinSender("/b", 1, new PipeSender()).Error, Is.EqualTo(JoinError.ActiveTransfer));
    }

    [Test]
    public void Caps_refuse_new_pending_pipes_and_transfers_beyond_the_limit()
    {
        var hub = Hub(maxPending: 2, maxActive: 1);
        hub.JoinReceiver("/a", 1, Receiver());
        hub.JoinReceiver("/b", 1, Receiver());
        Assert.That(hub.JoinReceiver("/c", 1, Receiver()).Error, Is.EqualTo(JoinError.TooManyPending));
        Assert.That(hub.JoinSender("/a", 1, new PipeSender()).Transfer, Is.Not.Null);
        Assert.That(hub.JoinSender("/b", 1, new PipeSender()).Error, Is.EqualTo(JoinError.TooManyActive));
        Assert.That(hub.Snapshot("/b"), Is.EqualTo(new PipeSnapshot(TransferState.Waiting, false, 1, hub.Snapshot("/b").Stats)),
            "the refused sender is not left in the pipe");
    }

    [Test]
    public void A_party_leaving_before_the_transfer_frees_the_path()
    {
        var hub = Hub();
        var receiver = Receiver();
        hub.JoinReceiver("/a", 3, receiver);
        Assert.That(hub.Leave("/a", receiver), Is.True);
        Assert.That(hub.Snapshot("/a").State, Is.EqualTo(TransferState.Idle));
        Assert.That(hub.PendingCount, Is.Zero);
        Assert.That(hub.JoinSender("/a", 1, new PipeSender()).Error, Is.EqualTo(JoinError.None), "n=3 is forgotten");
    }

    [Test]
    public async Task Waiting_parties_are_evicted_after_the_ttl_and_not_before()
    {
        var hub = Hub();
        var receiver = Receiver();
        hub.JoinReceiver("/a", 1, receiver);
        var waiting = hub.WaitAsync("/a", receiver, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.That(waiting.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(await waiting, Is.EqualTo(((PipeTransfer?)null, false)));
        Assert.That(hub.PendingCount, Is.Zero);
    }

    [Test]
    public async Task A_cancelled_wait_leaves_the_pipe()
    {
        var hub = Hub();
        var sender = new PipeSender();
        hub.JoinSender("/a", 1, sender);
        using var gone = new CancellationTokenSource();
        var waiting = hub.WaitAsync("/a", sender, gone.Token);
        await gone.CancelAsync();
        Assert.That(await waiting, Is.EqualTo(((PipeTransfer?)null, true)));
        Assert.That(hub.Snapshot("/a").State, Is.EqualTo(TransferState.Idle));
    }

    [Test]
    public void A_finished_transfer_frees_the_path_at_once_and_lingers_for_spectators()
    {
        var hub = Hub();
        hub.JoinSender("/a", 1, new PipeSender());
        var transfer = hub.JoinReceiver("/a", 1, Receiver()).Transfer!;
        transfer.Stats.Add(10);
        hub.Finish(transfer, succeeded: true);
        Assert.That(hub.Snapshot("/a").State, Is.EqualTo(TransferState.Complete));
        Assert.That(hub.JoinSender("/a", 1, new PipeSender()).Error, Is.EqualTo(JoinError.None));
        Assert.That((hub.CompletedCount, hub.BytesTransferred), Is.EqualTo((1L, 10L)));
        hub.Leave("/a", new PipeSender());
        _time.Advance(TimeSpan.FromSeconds(31));
    }

    private sealed class NullSink : IReceiverSink
    {
        public bool IsGone => false;

        public ValueTask<bool> StartAsync(TransferHeaders headers) => ValueTask.FromResult(true);

        public void Write(ReadOnlySpan<byte> bytes)
        {
        }

        public ValueTask<bool> FlushAsync() => ValueTask.FromResult(true);

        public ValueTask CompleteAsync() => ValueTask.CompletedTask;

        public void Abort()
        {
        }
    }
}
