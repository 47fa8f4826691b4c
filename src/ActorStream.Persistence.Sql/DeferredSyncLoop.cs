using System.Threading.Channels;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Pipelined durability for a writer whose commits do not fsync (<see cref="IJournalBatchWriter.DefersSync"/>):
/// committed batches queue here while the writer already builds the next transaction; this loop
/// takes everything queued, fsyncs once through <see cref="IJournalBatchWriter.SyncAsync"/>, and only
/// then acknowledges (ack after durable commit). Barriers queued behind batches complete after the
/// same fsync. Thread-safe: the writer loop enqueues, this loop drains.
/// </summary>
internal sealed class DeferredSyncLoop
{
    private readonly IJournalBatchWriter _writer;
    private readonly Action<JournalRequest[], Exception> _fail;
    private readonly Channel<object> _pending = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = false });

    private readonly Task _loop;
    private int _queuedBatches;
    private TaskCompletionSource? _roomWaiter;

    public DeferredSyncLoop(IJournalBatchWriter writer, Action<JournalRequest[], Exception> fail)
    {
        _writer = writer;
        _fail = fail;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>A committed batch to acknowledge after the next fsync.</summary>
    public void Enqueue(JournalRequest[] committed)
    {
        Interlocked.Increment(ref _queuedBatches);
        _pending.Writer.TryWrite(committed);
    }

    /// <summary>
    /// Completes once no committed batch is waiting for the loop to pick it up. The writer awaits
    /// this before its next commit, so at most one batch is being written while one fsync runs:
    /// callers pile up meanwhile and the next transaction carries all of them (group commit),
    /// instead of many tiny commits that would each rewrite the same pages into the WAL.
    /// </summary>
    public ValueTask WaitForRoomAsync()
    {
        if (Volatile.Read(ref _queuedBatches) == 0)
        {
            return ValueTask.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Publish the waiter, then re-check the count (the sync loop does the mirror image: count,
        // then take the waiter). The store and the load need a full fence between them: with a
        // plain volatile store the load can pass it (store-load reordering, allowed even on x86),
        // both sides miss each other and the writer waits forever, which stops the journal.
        Interlocked.Exchange(ref _roomWaiter, waiter);
        if (Volatile.Read(ref _queuedBatches) == 0)
        {
            waiter.TrySetResult();
        }

        return new ValueTask(waiter.Task);
    }

    /// <summary>A barrier to release after the next fsync (so it observes only durable writes).</summary>
    public void Enqueue(TaskCompletionSource barrier) => _pending.Writer.TryWrite(barrier);

    /// <summary>Stops accepting work and waits until everything queued was synced and acknowledged.</summary>
    public Task CompleteAsync()
    {
        _pending.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var reader = _pending.Reader;
        var items = new List<object>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batches = 0;
            while (reader.TryRead(out var item))
            {
                items.Add(item);
                if (item is JournalRequest[])
                {
                    batches++;
                }
            }

            Interlocked.Add(ref _queuedBatches, -batches);
            Interlocked.Exchange(ref _roomWaiter, null)?.TrySetResult();

            Exception? failure = null;
            try
            {
                await _writer.SyncAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            foreach (var item in items)
            {
                switch (item)
                {
                    case JournalRequest[] batch when failure is null:
                        foreach (var request in batch)
                        {
                            request.Call!.CompletePart();
                        }

                        break;
                    case JournalRequest[] batch:
                        _fail(batch, failure);
                        break;
                    case TaskCompletionSource barrier when failure is null:
                        barrier.TrySetResult();
                        break;
                    case TaskCompletionSource barrier:
                        barrier.TrySetException(failure);
                        break;
                }
            }

            items.Clear();
        }
    }
}
