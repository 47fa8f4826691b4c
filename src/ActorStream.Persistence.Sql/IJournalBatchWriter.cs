namespace ActorStream.Persistence.Sql;

/// <summary>
/// The database side of one writer shard: owns one connection and commits whole batches. Called by
/// exactly one writer loop, never concurrently.
/// </summary>
internal interface IJournalBatchWriter : IAsyncDisposable
{
    /// <summary>
    /// Stores every row of <paramref name="batch"/> in ONE transaction, never splitting an
    /// AtomicWrite. A write that violates a constraint is rejected through its call
    /// (<see cref="JournalCall.Reject"/>) while the others are stored. Throws when the outcome is
    /// unknown (storage failure); then nothing of the batch may be assumed stored.
    /// </summary>
    ValueTask CommitAsync(IReadOnlyList<JournalRequest> batch, CancellationToken cancellationToken);

    /// <summary>Records the id's highest sequence nr in the metadata table, then deletes its rows up to <paramref name="toSequenceNr"/>.</summary>
    ValueTask DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken);
}
