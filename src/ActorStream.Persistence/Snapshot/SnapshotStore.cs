namespace ActorStream.Persistence.Snapshot;

/// <summary>
/// The snapshot storage SPI (Akka's <c>SnapshotStore</c>) as a plain async class; the snapshot
/// actor wraps an instance. Implementations are thread-safe.
/// </summary>
public abstract class SnapshotStore : IAsyncDisposable
{
    /// <summary>Prepares the storage (schema, connections); call once first. The default does nothing.</summary>
    public virtual Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// The matching snapshot of <paramref name="persistenceId"/> with the highest sequence nr, or
    /// <c>null</c> when none matches <paramref name="criteria"/>.
    /// </summary>
    public abstract Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="snapshot"/>; a second save with the same persistence id and sequence nr replaces the first.</summary>
    public abstract Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the snapshot with the persistence id and sequence nr of <paramref name="metadata"/>
    /// (and its timestamp too, unless that is <see cref="DateTime.MinValue"/>).
    /// </summary>
    public abstract Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> that matches <paramref name="criteria"/>.</summary>
    public abstract Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Releases resources; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
