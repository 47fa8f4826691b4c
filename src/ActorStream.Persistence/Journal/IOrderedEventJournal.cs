namespace ActorStream.Persistence.Journal;

/// <summary>
/// Index lookups over the broker ordering key (<see cref="EventOrdering"/>) stored with events.
/// Only events written with a key take part; deleted events never match. Both lookups assume what a
/// partition log guarantees: offsets and max timestamps do not decrease as sequence nrs grow.
/// Thread-safe; a lookup sees every write acknowledged before it started.
/// </summary>
public interface IOrderedEventJournal
{
    /// <summary>
    /// The event whose [first, last] offset range holds <paramref name="offset"/>, or else the first
    /// event after it (the one with the smallest last offset &gt;= <paramref name="offset"/>);
    /// <c>null</c> when every event ends before <paramref name="offset"/>.
    /// </summary>
    Task<EventPosition?> FindByOffsetAsync(string persistenceId, long offset, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first event whose max timestamp is &gt;= <paramref name="timestampMs"/> (Unix epoch
    /// milliseconds), or <c>null</c> when there is none.
    /// </summary>
    Task<EventPosition?> FindByTimestampAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken = default);
}
