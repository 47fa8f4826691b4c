using System.Collections.Immutable;

namespace ActorStream.Persistence.Journal;

/// <summary>
/// The journal storage SPI (Akka's <c>AsyncWriteJournal</c> + <c>IAsyncRecovery</c>) as a plain
/// async class; the journal actor wraps an instance and turns these calls into protocol replies.
/// <para>Contract every plugin keeps (checked by the TCK's <c>JournalSpec</c>):</para>
/// <list type="bullet">
/// <item>An <see cref="AtomicWrite"/> is stored all-or-nothing.</item>
/// <item>Per persistence id, writes become visible in the order they were issued, and a call's task
/// completes only after its events are durably stored (ack after commit).</item>
/// <item>Rejection vs failure: a write that can never succeed (serialization failure, duplicate
/// sequence nr) is <em>rejected</em> through the result list and not stored, the actor goes on; when
/// the outcome is unknown (storage down, I/O error) the task <em>faults</em>, the actor stops.</item>
/// <item>The highest sequence nr of an id is never lowered by <see cref="DeleteMessagesToAsync"/>.</item>
/// </list>
/// Implementations are thread-safe: any number of callers may use one instance concurrently.
/// </summary>
public abstract class AsyncWriteJournal : IAsyncDisposable
{
    /// <summary>
    /// Prepares the storage (creates the schema, opens connections, retries a store that is down).
    /// Call once before any other member; the default does nothing.
    /// </summary>
    public virtual Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Stores <paramref name="messages"/>. Result: <c>null</c> when every write was stored; otherwise
    /// one entry per <see cref="AtomicWrite"/> in order, <c>null</c> = stored, an exception = that
    /// write was rejected and nothing of it stored. A faulted task means storage failure of the whole
    /// call: no write of it may be assumed stored or not stored.
    /// </summary>
    public abstract Task<IImmutableList<Exception?>?> WriteMessagesAsync(
        IEnumerable<AtomicWrite> messages,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays the stored, not deleted events of <paramref name="persistenceId"/> with
    /// <paramref name="fromSequenceNr"/> &lt;= seq &lt;= <paramref name="toSequenceNr"/> in ascending
    /// sequence order, at most <paramref name="max"/> of them, calling
    /// <paramref name="recoveryCallback"/> once per event (on any thread, never concurrently for one
    /// call). Completes after the last callback.
    /// </summary>
    public abstract Task ReplayMessagesAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence nr ever stored for <paramref name="persistenceId"/> (0 when nothing was),
    /// after waiting for writes of that id already in flight. Deletes never lower it.
    /// <paramref name="fromSequenceNr"/> is a hint: the caller knows nothing lower matters.
    /// </summary>
    public abstract Task<long> ReadHighestSequenceNrAsync(
        string persistenceId,
        long fromSequenceNr,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every event of <paramref name="persistenceId"/> with seq &lt;= <paramref name="toSequenceNr"/>
    /// (<see cref="long.MaxValue"/> = all). Ordered after writes of that id issued before it.
    /// </summary>
    public abstract Task DeleteMessagesToAsync(
        string persistenceId,
        long toSequenceNr,
        CancellationToken cancellationToken = default);

    /// <summary>Releases connections and stops background work; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
