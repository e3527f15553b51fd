using System.Threading.Channels;

namespace HoodyKit.Sqlite.Storage;

/// <summary>
/// Group commit for one database's writer: queued read-modify-write operations are drained in batches
/// of up to <see cref="MaxBatch"/> into one <c>BEGIN IMMEDIATE</c> transaction, each in its own savepoint
/// (a failing one is undone alone), and answered only after the <c>COMMIT</c>. The writer gate keeps
/// <see cref="DatabaseEntry.WriteAsync{T}"/> (a whole <c>POST /db</c> transaction) exclusive with batches.
/// </summary>
internal sealed class WriteQueue : IDisposable
{
    public const int MaxBatch = 64;

    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _gate;
    private readonly SqliteHandle _writer;
    private readonly TimeSpan _wait;
    private readonly TimeProvider _time;
    private readonly Action<SqliteHandle> _committed;
    private readonly Task _loop;

    /// <summary><paramref name="committed"/> runs on the writer after each successful <c>COMMIT</c> (publishes what the transaction created).</summary>
    public WriteQueue(SqliteHandle writer, SemaphoreSlim gate, TimeSpan wait, TimeProvider time, Action<SqliteHandle> committed)
    {
        _writer = writer;
        _gate = gate;
        _wait = wait;
        _time = time;
        _committed = committed;
        _loop = Task.Run(LoopAsync);
    }

    public Task<T> Enqueue<T>(Func<SqliteHandle, T> work)
    {
        var op = new QueuedWrite<T>(work, _time.GetTimestamp());
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(op), this);
        return op.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<IQueuedWrite>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var op))
                {
                    if (_time.GetElapsedTime(op.Enqueued) > _wait) op.Fail(StoreException.Busy()); // nothing written
                    else batch.Add(op);
                }

                if (batch.Count > 0) RunBatch(batch);
            }
            catch (SqliteFailure ex)
            {
                // the transaction itself failed (BEGIN, a savepoint, COMMIT): nothing of the batch is kept
                Rollback();
                foreach (var op in batch) op.Fail(new StoreException(500, "DATABASE_ERROR", ex.Message));
            }
            finally
            {
                batch.Clear();
                _gate.Release();
            }
        }
    }

    private void RunBatch(List<IQueuedWrite> batch)
    {
        var h = _writer;
        var single = batch.Count == 1;
        h.StepDone(h.Prepare("BEGIN IMMEDIATE"));
        var done = new List<IQueuedWrite>(batch.Count);
        foreach (var op in batch)
        {
            var pending = h.PendingTables.Count;
            if (!single) h.StepDone(h.Prepare("SAVEPOINT hk_group"));
            try
            {
                op.Run(h);
                h.Files.Publish(); // directory mode: the operation's file changes, once it has succeeded
            }
#pragma warning disable CA1031 // any failure of one operation belongs to its caller, who receives it through its task
            catch (Exception ex)
#pragma warning restore CA1031
            {
                h.Files.Discard();
                if (single) Rollback();
                else
                {
                    h.StepDone(h.Prepare("ROLLBACK TO hk_group"));
                    h.StepDone(h.Prepare("RELEASE hk_group"));
                    h.PendingTables.RemoveRange(pending, h.PendingTables.Count - pending);
                }

                op.Fail(ex);
                continue;
            }

            if (!single) h.StepDone(h.Prepare("RELEASE hk_group"));
            done.Add(op);
        }

        if (done.Count == 0)
        {
            Rollback();
            return;
        }

        h.StepDone(h.Prepare("COMMIT"));
        _committed(h);
        foreach (var op in done) op.Commit();
    }

    private void Rollback()
    {
        if (raw.sqlite3_get_autocommit(_writer.Db) == 0) _writer.Exec("ROLLBACK");
        _writer.PendingTables.Clear();
    }

    private interface IQueuedWrite
    {
        long Enqueued { get; }

        void Run(SqliteHandle h);

        void Commit();

        void Fail(Exception ex);
    }

    private sealed class QueuedWrite<T>(Func<SqliteHandle, T> work, long enqueued) : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public long Enqueued { get; } = enqueued;

        public Task<T> Task => _done.Task;

        public void Run(SqliteHandle h) => _result = work(h);

        public void Commit() => _done.TrySetResult(_result!);

        public void Fail(Exception ex) => _done.TrySetException(ex);
    }
}
