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

    /// <summary>
    /// True when <see cref="CommitAsync"/> returns before the batch is durable (no fsync in the
    /// commit); the journal then acknowledges only after <see cref="SyncAsync"/>.
    /// </summary>
    bool DefersSync { get; }

    /// <summary>
    /// Makes everything committed so far durable. Called from a different thread than
    /// <see cref="CommitAsync"/>, concurrently with it, so it must not use the writer's connection.
    /// </summary>
    ValueTask SyncAsync(CancellationToken cancellationToken);

    /// <summary>Records the id's highest sequence nr in the metadata table, then deletes its rows up to <paramref name="toSequenceNr"/>.</summary>
    ValueTask DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken);
}
