using System.Collections.Immutable;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// One <c>WriteMessagesAsync</c> call: its per-AtomicWrite results and the task its caller awaits.
/// A call may be split into several <see cref="JournalRequest"/>s (one per writer shard); the task
/// completes when the last part was committed, or faults as soon as any part failed.
/// Thread-safe: parts complete from different writer loops.
/// </summary>
internal sealed class JournalCall
{
    private readonly TaskCompletionSource<IImmutableList<Exception?>?> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _pendingParts;
    private bool _anyRejected;

    public JournalCall(int writeCount)
    {
        Results = new Exception?[writeCount];
    }

    public Exception?[] Results { get; }

    public Task<IImmutableList<Exception?>?> Task => _completion.Task;

    public void Reject(int writeIndex, Exception reason)
    {
        Results[writeIndex] = reason;
        Volatile.Write(ref _anyRejected, true);
    }

    public void AddParts(int parts) => _pendingParts = parts;

    public void CompletePart()
    {
        if (Interlocked.Decrement(ref _pendingParts) == 0)
        {
            _completion.TrySetResult(Volatile.Read(ref _anyRejected) ? ImmutableList.Create(Results) : null);
        }
    }

    public void CompleteNow() => _completion.TrySetResult(Volatile.Read(ref _anyRejected) ? ImmutableList.Create(Results) : null);

    public void Fail(Exception failure) => _completion.TrySetException(failure);
}
