using ActorStream.Persistence.Snapshot;
using ActorStream.Serialization;
using Microsoft.Data.Sqlite;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Snapshots in a SQLite file (WAL mode; table <c>snapshot</c>, see README.md). Snapshots are rare
/// and may be large, so one connection serves every call, one call at a time. Thread-safe.
/// </summary>
public sealed class SqliteSnapshotStore : SnapshotStore
{
    private readonly SqliteSnapshotStoreSettings _settings;
    private readonly SerializationRegistry _serialization;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the store; nothing is opened before <see cref="StartAsync"/>.</summary>
    public SqliteSnapshotStore(SqliteSnapshotStoreSettings settings, SerializationRegistry serialization)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.DataSource);
        _settings = settings;
        _serialization = serialization;
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken = default)
    {
        _connection = SqliteDatabase.Open(
            _settings.DataSource,
            _settings.Synchronous,
            pageSize: 4096,
            cacheSizeKiB: 8 * 1024,
            walAutoCheckpointPages: 1000,
            _settings.BusyTimeout,
            integrityCheck: false,
            SqliteSchema.CreateSnapshot);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText =
                "SELECT sequence_nr, created, serializer_id, manifest, snapshot FROM snapshot " +
                "WHERE persistence_id = $pid AND sequence_nr <= $maxSeq AND created <= $maxTs AND sequence_nr >= $minSeq AND created >= $minTs " +
                "ORDER BY sequence_nr DESC LIMIT 1";
            AddCriteria(command, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
            var state = _serialization.Deserialize(reader.GetFieldValue<byte[]>(4), reader.GetInt32(2), reader.GetString(3));
            return new SelectedSnapshot(metadata, state);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serialization.Serialize(snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText =
                "INSERT INTO snapshot (persistence_id, sequence_nr, created, serializer_id, manifest, snapshot) " +
                "VALUES ($pid, $seq, $created, $serializer, $manifest, $snapshot) " +
                "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, " +
                "serializer_id = excluded.serializer_id, manifest = excluded.manifest, snapshot = excluded.snapshot";
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
            command.Parameters.AddWithValue("$created", metadata.Timestamp.Ticks);
            command.Parameters.AddWithValue("$serializer", serialized.SerializerId);
            command.Parameters.AddWithValue("$manifest", serialized.Manifest);

            // Microsoft.Data.Sqlite binds only byte[] blobs: a payload that is a slice is copied once here.
            command.Parameters.Add("$snapshot", SqliteType.Blob).Value = AsArray(serialized.Bytes);
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "DELETE FROM snapshot WHERE persistence_id = $pid AND sequence_nr = $seq AND ($ts = 0 OR created = $ts)";
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
            command.Parameters.AddWithValue("$ts", metadata.Timestamp.Ticks);
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText =
                "DELETE FROM snapshot WHERE persistence_id = $pid AND sequence_nr <= $maxSeq AND created <= $maxTs AND sequence_nr >= $minSeq AND created >= $minTs";
            AddCriteria(command, persistenceId, criteria);
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();

    private static void AddCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestamp.Ticks);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestamp.Ticks);
    }

    private SqliteConnection Connection =>
        _disposed ? throw new ObjectDisposedException(nameof(SqliteSnapshotStore))
        : _connection ?? throw new InvalidOperationException("SqliteSnapshotStore is not started; call StartAsync first.");
}
