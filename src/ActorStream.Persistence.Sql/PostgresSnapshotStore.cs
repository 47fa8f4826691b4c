using ActorStream.Persistence.Snapshot;
using ActorStream.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Snapshots in PostgreSQL (table <c>snapshot</c> in the configured schema, see README.md). Each
/// call uses a pooled connection. A server that is down at start is retried with backoff.
/// Thread-safe.
/// </summary>
public sealed class PostgresSnapshotStore : SnapshotStore
{
    private readonly PostgresSnapshotStoreSettings _settings;
    private readonly SerializationRegistry _serialization;
    private readonly PostgresSchema _schema;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private NpgsqlDataSource? _dataSource;
    private volatile bool _disposed;

    /// <summary>Creates the store; nothing is opened before <see cref="StartAsync"/>.</summary>
    public PostgresSnapshotStore(
        PostgresSnapshotStoreSettings settings,
        SerializationRegistry serialization,
        ILogger<PostgresSnapshotStore>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.ConnectionString);
        _settings = settings;
        _serialization = serialization;
        _schema = new PostgresSchema(settings.Schema);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _dataSource = NpgsqlDataSource.Create(_settings.ConnectionString);
        var location = PostgresConnector.Describe(_settings.ConnectionString);
        var connection = await PostgresConnector.OpenWithRetryAsync(_dataSource, _settings.ConnectRetry, location, _logger, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresDdl.CreateAsync(connection, _schema.CreateSnapshot, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        using var command = DataSource.CreateCommand(_schema.LoadSnapshot);
        AddCriteria(command, persistenceId, criteria);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
        var state = _serialization.Deserialize(reader.GetFieldValue<byte[]>(4), reader.GetInt32(2), reader.GetString(3));
        return new SelectedSnapshot(metadata, state);
    }

    /// <inheritdoc />
    public override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serialization.Serialize(snapshot);
        using var command = DataSource.CreateCommand(_schema.SaveSnapshot);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.Timestamp.Ticks });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = serialized.SerializerId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serialized.Manifest });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, TypedValue = serialized.Bytes });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var command = DataSource.CreateCommand(_schema.DeleteSnapshot);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.Timestamp.Ticks });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        using var command = DataSource.CreateCommand(_schema.DeleteSnapshots);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _dataSource = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddCriteria(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxTimestamp.Ticks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinTimestamp.Ticks });
    }

    private NpgsqlDataSource DataSource =>
        _disposed ? throw new ObjectDisposedException(nameof(PostgresSnapshotStore))
        : _dataSource ?? throw new InvalidOperationException("PostgresSnapshotStore is not started; call StartAsync first.");
}
