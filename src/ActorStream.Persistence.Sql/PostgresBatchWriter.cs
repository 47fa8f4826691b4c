using Npgsql;
using NpgsqlTypes;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Writes journal batches to PostgreSQL as ONE prepared multi-row statement
/// (<c>INSERT … SELECT * FROM unnest($1::text[], …)</c>) in autocommit: one round trip and one
/// commit per batch, all-or-nothing. The column lists are reused between batches; payloads are
/// handed to Npgsql as the caller's memory, which it writes straight into its send buffer.
/// <para>A unique violation (duplicate sequence nr) makes the batch retry write by write, each
/// AtomicWrite its own statement, so only the offending write is rejected. A broken connection is
/// replaced before the next batch. Not thread-safe: used by one writer loop.</para>
/// </summary>
internal sealed class PostgresBatchWriter : IJournalBatchWriter
{
    internal const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly List<string> _pids = [];
    private readonly List<long> _seqs = [];
    private readonly List<long> _timestamps = [];
    private readonly List<int> _serializers = [];
    private readonly List<string> _manifests = [];
    private readonly List<string> _writers = [];
    private readonly List<long?> _firstOffsets = [];
    private readonly List<long?> _lastOffsets = [];
    private readonly List<long?> _maxTimestamps = [];
    private readonly List<ReadOnlyMemory<byte>> _payloads = [];
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _insert;

    private PostgresBatchWriter(NpgsqlDataSource dataSource, PostgresSchema schema)
    {
        _dataSource = dataSource;
        _schema = schema;
    }

    public static async Task<PostgresBatchWriter> CreateAsync(NpgsqlDataSource dataSource, PostgresSchema schema, CancellationToken cancellationToken)
    {
        var writer = new PostgresBatchWriter(dataSource, schema);
        await writer.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    public bool DefersSync => false;

    public ValueTask SyncAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask CommitAsync(IReadOnlyList<JournalRequest> batch, CancellationToken cancellationToken)
    {
        var insert = await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        Clear();
        for (var b = 0; b < batch.Count; b++)
        {
            var rows = batch[b].Rows;
            for (var i = 0; i < rows.Length; i++)
            {
                Add(in rows[i]);
            }
        }

        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            // Nothing of the batch was stored; redo write by write below.
        }
        finally
        {
            // Drop references to the callers' payload memory.
            Clear();
        }

        for (var b = 0; b < batch.Count; b++)
        {
            var request = batch[b];
            var start = 0;
            for (var w = 0; w < request.WriteEnds.Length; w++)
            {
                var end = request.WriteEnds[w];
                Clear();
                for (var i = start; i < end; i++)
                {
                    Add(in request.Rows[i]);
                }

                try
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
                {
                    request.Call!.Reject(
                        request.ResultIndexes[w],
                        new Journal.WriteRejectedException(
                            $"Sequence nrs {request.Rows[start].SequenceNr}..{request.Rows[end - 1].SequenceNr} of '{request.Rows[start].PersistenceId}' are already stored.",
                            ex));
                }

                start = end;
            }
        }

        Clear();
    }

    public async ValueTask DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = _connection!;
        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(connection, tx);
            await using (batch.ConfigureAwait(false))
            {
                var record = new NpgsqlBatchCommand(_schema.RecordHighest);
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
                var delete = new NpgsqlBatchCommand(_schema.DeleteTo);
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
                batch.BatchCommands.Add(record);
                batch.BatchCommands.Add(delete);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<NpgsqlCommand> EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is { FullState: System.Data.ConnectionState.Open } && _insert is not null)
        {
            return _insert;
        }

        if (_insert is not null)
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            _insert = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var insert = new NpgsqlCommand(_schema.Insert, connection);
        insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = _pids });
        insert.Parameters.Add(new NpgsqlParameter<List<long>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = _seqs });
        insert.Parameters.Add(new NpgsqlParameter<List<long>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = _timestamps });
        insert.Parameters.Add(new NpgsqlParameter<List<int>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = _serializers });
        insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = _manifests });
        insert.Parameters.Add(new NpgsqlParameter<List<string>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = _writers });
        insert.Parameters.Add(new NpgsqlParameter<List<long?>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = _firstOffsets });
        insert.Parameters.Add(new NpgsqlParameter<List<long?>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = _lastOffsets });
        insert.Parameters.Add(new NpgsqlParameter<List<long?>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = _maxTimestamps });
        insert.Parameters.Add(new NpgsqlParameter<List<ReadOnlyMemory<byte>>> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, TypedValue = _payloads });
        await insert.PrepareAsync(cancellationToken).ConfigureAwait(false);
        _connection = connection;
        _insert = insert;
        return insert;
    }

    private void Clear()
    {
        _pids.Clear();
        _seqs.Clear();
        _timestamps.Clear();
        _serializers.Clear();
        _manifests.Clear();
        _writers.Clear();
        _firstOffsets.Clear();
        _lastOffsets.Clear();
        _maxTimestamps.Clear();
        _payloads.Clear();
    }

    private void Add(in JournalRow row)
    {
        _pids.Add(row.PersistenceId);
        _seqs.Add(row.SequenceNr);
        _timestamps.Add(row.Timestamp);
        _serializers.Add(row.SerializerId);
        _manifests.Add(row.Manifest);
        _writers.Add(row.WriterUuid);
        _firstOffsets.Add(row.Ordering?.FirstOffset);
        _lastOffsets.Add(row.Ordering?.LastOffset);
        _maxTimestamps.Add(row.Ordering?.MaxTimestamp);
        _payloads.Add(row.Payload);
    }
}
