using System.Collections.Concurrent;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Snapshot;

/// <summary>
/// Snapshots kept in process memory. With a <see cref="SerializationRegistry"/> snapshots are stored
/// as bytes (so unserializable state fails the save, as it would in a durable store); without one
/// the objects themselves are kept. Thread-safe: one lock per persistence id.
/// </summary>
public sealed class MemorySnapshotStore : SnapshotStore
{
    private readonly ConcurrentDictionary<string, List<Stored>> _snapshots = new(StringComparer.Ordinal);
    private readonly SerializationRegistry? _serialization;
    private volatile bool _disposed;

    /// <summary>Creates an empty store.</summary>
    public MemorySnapshotStore(SerializationRegistry? serialization = null)
    {
        _serialization = serialization;
    }

    /// <inheritdoc />
    public override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException<SelectedSnapshot?>(Disposed());
        }

        if (!_snapshots.TryGetValue(persistenceId, out var list))
        {
            return Task.FromResult<SelectedSnapshot?>(null);
        }

        Stored? best = null;
        lock (list)
        {
            foreach (var s in list)
            {
                if (criteria.IsMatch(s.Metadata) && (best is null || s.Metadata.SequenceNr > best.Metadata.SequenceNr))
                {
                    best = s;
                }
            }
        }

        if (best is null)
        {
            return Task.FromResult<SelectedSnapshot?>(null);
        }

        try
        {
            var state = best.Bytes is null ? best.Snapshot! : _serialization!.Deserialize(best.Bytes, best.SerializerId, best.Manifest);
            return Task.FromResult<SelectedSnapshot?>(new SelectedSnapshot(best.Metadata, state));
        }
        catch (Exception ex)
        {
            return Task.FromException<SelectedSnapshot?>(ex);
        }
    }

    /// <inheritdoc />
    public override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException(Disposed());
        }

        Stored stored;
        try
        {
            if (_serialization is null)
            {
                stored = new Stored(metadata, snapshot, null, 0, string.Empty);
            }
            else
            {
                var s = _serialization.Serialize(snapshot);
                stored = new Stored(metadata, null, s.Bytes.ToArray(), s.SerializerId, s.Manifest);
            }
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }

        var list = _snapshots.GetOrAdd(metadata.PersistenceId, static _ => []);
        lock (list)
        {
            list.RemoveAll(s => s.Metadata.SequenceNr == metadata.SequenceNr);
            list.Add(stored);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException(Disposed());
        }

        if (_snapshots.TryGetValue(metadata.PersistenceId, out var list))
        {
            lock (list)
            {
                list.RemoveAll(s => s.Metadata.SequenceNr == metadata.SequenceNr &&
                    (metadata.Timestamp == DateTime.MinValue || s.Metadata.Timestamp == metadata.Timestamp));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException(Disposed());
        }

        if (_snapshots.TryGetValue(persistenceId, out var list))
        {
            lock (list)
            {
                list.RemoveAll(s => criteria.IsMatch(s.Metadata));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _disposed = true;
        _snapshots.Clear();
        return base.DisposeAsync();
    }

    private static ObjectDisposedException Disposed() => new(nameof(MemorySnapshotStore), "The snapshot store was disposed.");

    private sealed record Stored(SnapshotMetadata Metadata, object? Snapshot, byte[]? Bytes, int SerializerId, string Manifest);
}
