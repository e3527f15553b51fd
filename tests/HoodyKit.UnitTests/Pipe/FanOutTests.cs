using System.Text;
using HoodyKit.Pipe.Engine;

namespace HoodyKit.UnitTests.Pipe;

public sealed class FanOutTests
{
    [Test, CancelAfter(10_000)]
    public async Task Every_receiver_gets_the_same_bytes_and_the_stats_count_them_once(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var sinks = Enumerable.Range(0, 3).Select(_ => new MemorySink()).ToList();
        var stats = new TransferStats(DateTimeOffset.UnixEpoch);
        var pump = FanOut.RunAsync(source.Reader, sinks, stats, TimeSpan.Zero, ct);
        for (var i = 0; i < 100; i++) await source.Writer.WriteAsync(Encoding.ASCII.GetBytes($"chunk {i};"), ct);
        await source.Writer.CompleteAsync();

        Assert.That(await pump, Is.EqualTo(PumpOutcome.Completed));
        var expected = string.Concat(Enumerable.Range(0, 100).Select(i => $"chunk {i};"));
        Assert.That(sinks.Select(s => s.Text), Has.All.EqualTo(expected));
        Assert.That(stats.Bytes, Is.EqualTo(expected.Length));
    }

    [Test, CancelAfter(10_000)]
    public async Task The_slowest_receiver_paces_the_sender(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 16, resumeWriterThreshold: 8));
        var slow = new MemorySink { Gate = new SemaphoreSlim(0) };
        var fast = new MemorySink();
        var pump = FanOut.RunAsync(source.Reader, [fast, slow], new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.Zero, ct);
        await source.Writer.WriteAsync(new byte[10], ct);
        await fast.WaitForLengthAsync(10, ct); // the pump holds this chunk until the slow receiver's flush returns
        var second = source.Writer.WriteAsync(new byte[20], ct).AsTask();
        await Task.Delay(50, ct);
        Assert.That(second.IsCompleted, Is.False, "the source is not read while a receiver holds the last chunk");
        Assert.That(fast.Length, Is.EqualTo(10));
        slow.Gate.Release(100);
        await second;
        await source.Writer.CompleteAsync();
        Assert.That(await pump, Is.EqualTo(PumpOutcome.Completed));
        Assert.That(fast.Length, Is.EqualTo(30));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_receiver_that_goes_away_is_dropped_and_the_others_go_on(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var quitter = new MemorySink { GoneAfter = 2 };
        var stayer = new MemorySink();
        var pump = FanOut.RunAsync(source.Reader, [quitter, stayer], new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.Zero, ct);
        for (var i = 0; i < 5; i++)
        {
            await source.Writer.WriteAsync(new byte[] { (byte)i }, ct);
            await stayer.WaitForLengthAsync(i + 1, ct);
        }

        await source.Writer.CompleteAsync();
        Assert.That(await pump, Is.EqualTo(PumpOutcome.Completed));
        Assert.That((quitter.Completed, stayer.Completed, stayer.Length), Is.EqualTo((false, false, 5)), "completion is the caller's step");
    }

    [Test, CancelAfter(10_000)]
    public async Task When_every_receiver_is_gone_the_pump_says_so(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var pump = FanOut.RunAsync(source.Reader, [new MemorySink { GoneAfter = 1 }], new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.Zero, ct);
        await source.Writer.WriteAsync(new byte[1], ct);
        await source.Writer.WriteAsync(new byte[1], ct);
        Assert.That(await pump, Is.EqualTo(PumpOutcome.ReceiversGone));
    }

    /// <summary>curl closes as soon as its Content-Length is met, which can make the very last flush look like a departure.</summary>
    [Test, CancelAfter(10_000)]
    public async Task A_receiver_that_leaves_during_the_last_flush_of_a_complete_body_does_not_fail_the_transfer(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var receiver = new MemorySink { GoneAfter = 2, Gate = new SemaphoreSlim(0) };
        var pump = FanOut.RunAsync(source.Reader, [receiver], new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.Zero, ct);
        await source.Writer.WriteAsync(new byte[1], ct);
        await receiver.WaitForLengthAsync(1, ct); // the pump now waits in the first flush
        await source.Writer.WriteAsync(new byte[1], ct);
        await source.Writer.CompleteAsync(); // so the last byte and the end come in one read
        receiver.Gate.Release(2);
        Assert.That(await pump, Is.EqualTo(PumpOutcome.Completed));
        Assert.That(receiver.Length, Is.EqualTo(2));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_failing_sender_aborts_every_receiver(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var sinks = new[] { new MemorySink(), new MemorySink() };
        var pump = FanOut.RunAsync(source.Reader, sinks, new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.Zero, ct);
        await source.Writer.WriteAsync(new byte[3], ct);
        await source.Writer.CompleteAsync(new IOException("connection reset"));
        Assert.That(await pump, Is.EqualTo(PumpOutcome.SenderFailed));
        Assert.That(sinks.Select(s => s.Aborted), Has.All.True);
    }

    [Test, CancelAfter(10_000)]
    public async Task An_idle_sender_fails_after_the_idle_timeout(CancellationToken ct)
    {
        var source = new System.IO.Pipelines.Pipe();
        var sink = new MemorySink();
        var pump = FanOut.RunAsync(source.Reader, [sink], new TransferStats(DateTimeOffset.UnixEpoch), TimeSpan.FromMilliseconds(50), ct);
        Assert.That(await pump, Is.EqualTo(PumpOutcome.SenderFailed));
        Assert.That(sink.Aborted, Is.True);
    }

    /// <summary>Collects what it receives; can hold flushes (<see cref="Gate"/>) or go away after some flushes.</summary>
    private sealed class MemorySink : IReceiverSink
    {
        private readonly List<byte> _bytes = [];
        private int _flushes;

        public SemaphoreSlim? Gate { get; init; }

        public int GoneAfter { get; init; } = int.MaxValue;

        public bool Aborted { get; private set; }

        public bool Completed { get; private set; }

        public bool IsGone => Aborted || _flushes >= GoneAfter;

        public long Length { get { lock (_bytes) return _bytes.Count; } }

        public string Text { get { lock (_bytes) return Encoding.ASCII.GetString([.. _bytes]); } }

        public ValueTask<bool> StartAsync(TransferHeaders headers) => ValueTask.FromResult(true);

        public void Write(ReadOnlySpan<byte> bytes)
        {
            lock (_bytes) _bytes.AddRange(bytes);
        }

        public async ValueTask<bool> FlushAsync()
        {
            if (Gate is not null) await Gate.WaitAsync();
            _flushes++;
            return !IsGone;
        }

        public ValueTask CompleteAsync()
        {
            Completed = true;
            return ValueTask.CompletedTask;
        }

        public void Abort() => Aborted = true;

        public async Task WaitForLengthAsync(long length, CancellationToken ct)
        {
            while (Length < length) await Task.Delay(1, ct);
        }
    }
}
