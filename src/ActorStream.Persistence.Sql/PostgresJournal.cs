using ActorStream.Persistence.Journal;
using ActorStream.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// The PostgreSQL journal (schema in README.md). <see cref="PostgresJournalSettings.Parallelism"/>
/// writer shards each own a connection and commit coalesced batches as one multi-row statement;
/// reads use pooled connections. A server that is down at start is retried with backoff
/// (<see cref="PostgresJournalSettings.ConnectRetry"/>). Thread-safe.
/// </summary>
public sealed class PostgresJournal : SqlJournal
{
    private readonly PostgresJournalSettings _settings;
    private readonly PostgresSchema _schema;
    private readonly string _location;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Creates the journal; nothing is opened before <see cref="SqlJournal.StartAsync"/>.</summary>
    public PostgresJournal(
        PostgresJournalSettings settings,
        SerializationRegistry serialization,
        ILogger<PostgresJournal>? logger = null,
        TimeProvider? timeProvider = null)
        : base(serialization, settings?.Batch ?? JournalBatchSettings.Default, logger, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _schema = new PostgresSchema(settings.Schema);
        _location = PostgresConnector.Describe(settings.ConnectionString);
    }

    /// <summary>The settings in use.</summary>
    public PostgresJournalSettings Settings => _settings;

    private protected override int ShardCount => _settings.Parallelism;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Storage not initialized.");

    /// <summary>Drops <paramref name="schema"/> with everything in it (tests and benchmarks clean up with it).</summary>
    public static async Task DropSchemaAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        var ddl = new PostgresSchema(schema);
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand(ddl.DropSchema, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override string Describe() => $"{_location} schema {_settings.Schema}";

    private protected override async Task InitializeStorageAsync(CancellationToken cancellationToken)
    {
        _dataSource = NpgsqlDataSource.Create(_settings.ConnectionString);
        var connection = await PostgresConnector.OpenWithRetryAsync(_dataSource, _settings.ConnectRetry, _location, Logger, TimeProvider, cancellationToken)
            .ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresDdl.CreateAsync(connection, _schema.CreateJournal, cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override async ValueTask<IJournalBatchWriter> CreateWriterAsync(int shard, CancellationToken cancellationToken) =>
        await PostgresBatchWriter.CreateAsync(DataSource, _schema, cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask DisposeStorageAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _dataSource = null;
        }
    }

    private protected override async Task<long> ReadHighestCoreAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var command = DataSource.CreateCommand(_schema.Highest);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is long value ? value : 0;
    }

    private protected override async Task ReplayCoreAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback,
        CancellationToken cancellationToken)
    {
        using var command = DataSource.CreateCommand(_schema.Replay);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = max });

        // Rows stream off the socket as the callback consumes them; nothing is buffered beyond a row.
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await ReadReplayRowsAsync(reader, persistenceId, recoveryCallback, cancellationToken).ConfigureAwait(false);
    }

    private protected override Task<EventPosition?> FindByOffsetCoreAsync(string persistenceId, long offset, CancellationToken cancellationToken) =>
        FindAsync(_schema.FindByOffset, persistenceId, offset, cancellationToken);

    private protected override Task<EventPosition?> FindByTimestampCoreAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken) =>
        FindAsync(_schema.FindByTimestamp, persistenceId, timestampMs, cancellationToken);

    private async Task<EventPosition?> FindAsync(string sql, string persistenceId, long value, CancellationToken cancellationToken)
    {
        using var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new EventPosition(reader.GetInt64(0), new EventOrdering(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }
}
