using ActorStream.Persistence.Journal;
using ActorStream.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// The embedded journal: a SQLite file in WAL mode (schema in README.md). One writer connection
/// commits coalesced batches (see <see cref="SqlJournal"/>); reads (replay, highest sequence nr,
/// index lookups) use pooled read connections and run concurrently with writes, as WAL allows.
/// Thread-safe.
/// </summary>
public sealed class SqliteJournal : SqlJournal
{
    private readonly SqliteJournalSettings _settings;
    private readonly string _fullPath;
    private readonly string _readConnectionString;
    private SqliteConnection? _writerConnection;

    /// <summary>Creates the journal; nothing is opened before <see cref="SqlJournal.StartAsync"/>.</summary>
    public SqliteJournal(
        SqliteJournalSettings settings,
        SerializationRegistry serialization,
        ILogger<SqliteJournal>? logger = null,
        TimeProvider? timeProvider = null)
        : base(serialization, settings?.Batch ?? JournalBatchSettings.Default, logger, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _fullPath = Path.GetFullPath(settings.DataSource);
        _readConnectionString = SqliteDatabase.ConnectionString(_fullPath, pooling: true, settings.BusyTimeout);
    }

    /// <summary>The settings in use.</summary>
    public SqliteJournalSettings Settings => _settings;

    private protected override int ShardCount => 1;

    private bool BackgroundCheckpoint => _settings.BackgroundCheckpoint || _settings.DefersSync;

    private protected override string Describe() => _fullPath;

    private protected override Task InitializeStorageAsync(CancellationToken cancellationToken)
    {
        _writerConnection = SqliteDatabase.Open(
            _fullPath,
            _settings.DefersSync ? SqliteSynchronous.Off : _settings.Synchronous,
            _settings.PageSize,
            _settings.CacheSizeKiB,
            BackgroundCheckpoint ? 0 : _settings.WalAutoCheckpointPages,
            _settings.BusyTimeout,
            _settings.IntegrityCheckOnStart,
            SqliteSchema.CreateJournal);
        return Task.CompletedTask;
    }

    private protected override ValueTask<IJournalBatchWriter> CreateWriterAsync(int shard, CancellationToken cancellationToken)
    {
        var connection = _writerConnection ?? throw new InvalidOperationException("Storage not initialized.");
        _writerConnection = null;
        SqliteCheckpointer? checkpointer = null;
        if (BackgroundCheckpoint)
        {
            var checkpointConnection = SqliteDatabase.Open(
                _fullPath,
                _settings.Synchronous,
                _settings.PageSize,
                cacheSizeKiB: 2048,
                walAutoCheckpointPages: 0,
                _settings.BusyTimeout,
                integrityCheck: false,
                schema: string.Empty);
            checkpointer = new SqliteCheckpointer(checkpointConnection, _settings.WalMaxBytes / _settings.PageSize);
        }

        return ValueTask.FromResult<IJournalBatchWriter>(
            new SqliteBatchWriter(
                connection,
                checkpointer,
                (long)_settings.WalAutoCheckpointPages * _settings.PageSize,
                _settings.DefersSync ? _fullPath + "-wal" : null));
    }

    private protected override ValueTask DisposeStorageAsync()
    {
        _writerConnection?.Dispose();
        _writerConnection = null;
        using (var connection = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        return ValueTask.CompletedTask;
    }

    private protected override async Task<long> ReadHighestCoreAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Highest;
        command.Parameters.AddWithValue("$pid", persistenceId);
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
        using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Replay;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);

        // SQLite steps the statement row by row: rows are read as the callback consumes them.
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await ReadReplayRowsAsync(reader, persistenceId, recoveryCallback, cancellationToken).ConfigureAwait(false);
    }

    private protected override Task<EventPosition?> FindByOffsetCoreAsync(string persistenceId, long offset, CancellationToken cancellationToken) =>
        FindAsync(SqliteSchema.FindByOffset, persistenceId, offset, cancellationToken);

    private protected override Task<EventPosition?> FindByTimestampCoreAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken) =>
        FindAsync(SqliteSchema.FindByTimestamp, persistenceId, timestampMs, cancellationToken);

    private async Task<EventPosition?> FindAsync(string sql, string persistenceId, long value, CancellationToken cancellationToken)
    {
        using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$x", value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new EventPosition(reader.GetInt64(0), new EventOrdering(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
