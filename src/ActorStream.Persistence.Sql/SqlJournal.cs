using System.Collections.Immutable;
using System.Data.Common;
using System.Threading.Channels;
using ActorStream.Persistence.Journal;
using ActorStream.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// The write path shared by the SQL journals: group commit through bounded queues.
/// <code>
///  callers ──serialize──► [shard queue 0] ──► writer loop 0 ──► one transaction per drained batch
///          (hash of pid)  [shard queue 1] ──► writer loop 1 ──► ...            (ack after commit)
/// </code>
/// A persistence id always maps to the same shard, and each shard has one loop and one connection,
/// so the writes of one id commit in the order they were enqueued. Serialization runs on the
/// caller's thread before enqueueing: a payload that cannot be serialized rejects only its own
/// AtomicWrite and never reaches the database. Deletes and the barrier behind
/// <see cref="ReadHighestSequenceNrAsync"/> travel through the same queue, so they observe every
/// write enqueued before them.
/// <para>Thread-safe. Call <see cref="StartAsync"/> once before use and dispose to stop: disposal
/// drains and commits what is already queued, then closes the connections.</para>
/// </summary>
public abstract partial class SqlJournal : AsyncWriteJournal, IOrderedEventJournal
{
    internal const int NotStarted = 0;
    internal const int Running = 1;
    internal const int Stopped = 2;

    private readonly SerializationRegistry _serialization;
    private readonly JournalBatchSettings _batch;
    private readonly TimeProvider _timeProvider;
    private Channel<JournalRequest>[] _queues = [];
    private IJournalBatchWriter[] _writers = [];
    private Task[] _loops = [];
    private DeferredSyncLoop?[] _syncLoops = [];
    private string _store = string.Empty;
    private int _state;
    private long _statBatches;
    private long _statRows;
    private long _statCommitTicks;

    private protected SqlJournal(SerializationRegistry serialization, JournalBatchSettings batch, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        _serialization = serialization;
        _batch = batch;
        Logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Counters of the write path since start (committed batches, rows, time spent committing).</summary>
    public JournalWriteStatistics Statistics => new(
        Interlocked.Read(ref _statBatches),
        Interlocked.Read(ref _statRows),
        TimeSpan.FromTicks(Interlocked.Read(ref _statCommitTicks)));

    /// <summary>The registry that serializes payloads on write and deserializes them on replay.</summary>
    protected SerializationRegistry Serialization => _serialization;

    private protected ILogger Logger { get; }

    private protected TimeProvider TimeProvider => _timeProvider;

    /// <summary>Number of writer loops (and write connections).</summary>
    private protected abstract int ShardCount { get; }

    /// <inheritdoc />
    public sealed override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            throw new InvalidOperationException($"{GetType().Name} was already started or disposed.");
        }

        _store = Describe();
        try
        {
            await InitializeStorageAsync(cancellationToken).ConfigureAwait(false);
            var shards = ShardCount;
            var writers = new IJournalBatchWriter[shards];
            var queues = new Channel<JournalRequest>[shards];
            for (var i = 0; i < shards; i++)
            {
                writers[i] = await CreateWriterAsync(i, cancellationToken).ConfigureAwait(false);
                queues[i] = Channel.CreateBounded<JournalRequest>(new BoundedChannelOptions(_batch.QueueDepth)
                {
                    SingleReader = true,
                    SingleWriter = false,
                    FullMode = BoundedChannelFullMode.Wait,
                    AllowSynchronousContinuations = false,
                });
            }

            _writers = writers;
            _queues = queues;
            _syncLoops = new DeferredSyncLoop?[shards];
            for (var i = 0; i < shards; i++)
            {
                var shard = i;
                _syncLoops[i] = writers[i].DefersSync
                    ? new DeferredSyncLoop(writers[i], (batch, ex) => FailBatch(shard, batch, ex))
                    : null;
            }

            var loops = new Task[shards];
            for (var i = 0; i < shards; i++)
            {
                var shard = i;
                loops[i] = Task.Run(() => RunWriterAsync(shard), CancellationToken.None);
            }

            _loops = loops;
            Log.Started(Logger, GetType().Name, _store, shards);
        }
        catch
        {
            Volatile.Write(ref _state, Stopped);
            foreach (var w in _writers)
            {
                await w.DisposeAsync().ConfigureAwait(false);
            }

            await DisposeStorageAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public sealed override async Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ThrowIfNotRunning();
        var writes = messages as IReadOnlyList<AtomicWrite> ?? new List<AtomicWrite>(messages);
        var call = new JournalCall(writes.Count);
        if (writes.Count == 0)
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var shards = _queues.Length;
        if (shards == 1 || AllOnOneShard(writes, shards, out _))
        {
            var shard = shards == 1 ? 0 : ShardOf(writes[0].PersistenceId, shards);
            var part = BuildPart(writes, call, now, shards, shard, all: true);
            if (part is null)
            {
                call.CompleteNow();
                return await call.Task.ConfigureAwait(false);
            }

            call.AddParts(1);
            await EnqueueAsync(shard, part, cancellationToken).ConfigureAwait(false);
            return await call.Task.ConfigureAwait(false);
        }

        var parts = new JournalRequest?[shards];
        var count = 0;
        for (var s = 0; s < shards; s++)
        {
            parts[s] = BuildPart(writes, call, now, shards, s, all: false);
            if (parts[s] is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            call.CompleteNow();
            return await call.Task.ConfigureAwait(false);
        }

        call.AddParts(count);
        for (var s = 0; s < shards; s++)
        {
            if (parts[s] is { } part)
            {
                await EnqueueAsync(s, part, cancellationToken).ConfigureAwait(false);
            }
        }

        return await call.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public sealed override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ThrowIfNotRunning();
        var barrier = JournalRequest.Barrier();
        await EnqueueAsync(ShardOf(persistenceId, _queues.Length), barrier, cancellationToken).ConfigureAwait(false);
        await barrier.Done!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHighestCoreAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public sealed override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ThrowIfNotRunning();
        var delete = JournalRequest.Delete(persistenceId, toSequenceNr);
        await EnqueueAsync(ShardOf(persistenceId, _queues.Length), delete, cancellationToken).ConfigureAwait(false);
        await delete.Done!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public sealed override Task ReplayMessagesAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        ThrowIfNotRunning();
        return max <= 0 || toSequenceNr < fromSequenceNr
            ? Task.CompletedTask
            : ReplayCoreAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventPosition?> FindByOffsetAsync(string persistenceId, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ThrowIfNotRunning();
        return FindByOffsetCoreAsync(persistenceId, offset, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventPosition?> FindByTimestampAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ThrowIfNotRunning();
        return FindByTimestampCoreAsync(persistenceId, timestampMs, cancellationToken);
    }

    /// <inheritdoc />
    public sealed override async ValueTask DisposeAsync()
    {
        var previous = Interlocked.Exchange(ref _state, Stopped);
        if (previous == Stopped)
        {
            return;
        }

        if (previous == Running)
        {
            foreach (var q in _queues)
            {
                q.Writer.TryComplete();
            }

            await Task.WhenAll(_loops).ConfigureAwait(false);
            foreach (var sync in _syncLoops)
            {
                if (sync is not null)
                {
                    await sync.CompleteAsync().ConfigureAwait(false);
                }
            }

            foreach (var w in _writers)
            {
                await w.DisposeAsync().ConfigureAwait(false);
            }
        }

        await DisposeStorageAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Turns replay rows into events, in order, as the reader streams them. Both schemas select
    /// (sequence_nr, timestamp, serializer_id, manifest, writer_uuid, first_offset, last_offset,
    /// max_timestamp, payload).
    /// </summary>
    private protected async Task ReadReplayRowsAsync(DbDataReader reader, string persistenceId, Action<IPersistentRepresentation> recoveryCallback, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            EventOrdering? ordering = reader.IsDBNull(6)
                ? null
                : new EventOrdering(reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
            recoveryCallback(ToRepresentation(
                persistenceId,
                reader.GetInt64(0),
                reader.GetFieldValue<byte[]>(8),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(1),
                ordering));
        }
    }

    /// <summary>Deserializes a stored payload into a replayed representation.</summary>
    private protected Persistent ToRepresentation(
        string persistenceId,
        long sequenceNr,
        byte[] payload,
        int serializerId,
        string manifest,
        string writerUuid,
        long timestamp,
        EventOrdering? ordering) =>
        new(_serialization.Deserialize(payload, serializerId, manifest), sequenceNr, persistenceId, manifest, writerUuid, timestamp, ordering);

    /// <summary>Creates the schema and whatever the writers need; retries an unreachable server.</summary>
    private protected abstract Task InitializeStorageAsync(CancellationToken cancellationToken);

    /// <summary>Opens the connection of writer shard <paramref name="shard"/>.</summary>
    private protected abstract ValueTask<IJournalBatchWriter> CreateWriterAsync(int shard, CancellationToken cancellationToken);

    /// <summary>Closes what <see cref="InitializeStorageAsync"/> opened.</summary>
    private protected abstract ValueTask DisposeStorageAsync();

    private protected abstract Task<long> ReadHighestCoreAsync(string persistenceId, CancellationToken cancellationToken);

    private protected abstract Task ReplayCoreAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback,
        CancellationToken cancellationToken);

    private protected abstract Task<EventPosition?> FindByOffsetCoreAsync(string persistenceId, long offset, CancellationToken cancellationToken);

    private protected abstract Task<EventPosition?> FindByTimestampCoreAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken);

    /// <summary>A short description of the store for logs (file path or host).</summary>
    private protected abstract string Describe();

    private static int ShardOf(string persistenceId, int shards)
    {
        if (shards == 1)
        {
            return 0;
        }

        // FNV-1a: stable within the process and cheap; string.GetHashCode would do, but this keeps
        // the mapping reproducible across runs for diagnostics.
        var hash = 2166136261u;
        foreach (var c in persistenceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }

    private static bool AllOnOneShard(IReadOnlyList<AtomicWrite> writes, int shards, out int shard)
    {
        shard = ShardOf(writes[0].PersistenceId, shards);
        for (var i = 1; i < writes.Count; i++)
        {
            if (!ReferenceEquals(writes[i].PersistenceId, writes[0].PersistenceId) && ShardOf(writes[i].PersistenceId, shards) != shard)
            {
                return false;
            }
        }

        return true;
    }

    private JournalRequest? BuildPart(IReadOnlyList<AtomicWrite> writes, JournalCall call, long now, int shards, int shard, bool all)
    {
        var rowCount = 0;
        var writeCount = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            if (all || ShardOf(writes[i].PersistenceId, shards) == shard)
            {
                rowCount += writes[i].Size;
                writeCount++;
            }
        }

        if (writeCount == 0)
        {
            return null;
        }

        var rows = new JournalRow[rowCount];
        var ends = new int[writeCount];
        var indexes = new int[writeCount];
        var r = 0;
        var w = 0;
        long bytes = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!all && ShardOf(write.PersistenceId, shards) != shard)
            {
                continue;
            }

            var start = r;
            try
            {
                var payload = write.Payload;
                for (var k = 0; k < payload.Count; k++)
                {
                    var e = payload[k];
                    var serialized = _serialization.Serialize(e.Payload);
                    rows[r++] = new JournalRow(
                        write.PersistenceId,
                        e.SequenceNr,
                        serialized.Bytes,
                        serialized.SerializerId,
                        serialized.Manifest,
                        e.WriterGuid ?? string.Empty,
                        e.Timestamp == 0 ? now : e.Timestamp,
                        Persistent.OrderingOf(e));
                    bytes += serialized.Bytes.Length;
                }
            }
            catch (Exception ex)
            {
                // Rejected: nothing of this AtomicWrite reaches the database.
                for (var k = start; k < r; k++)
                {
                    bytes -= rows[k].Payload.Length;
                    rows[k] = default;
                }

                r = start;
                call.Reject(i, ex);
                continue;
            }

            ends[w] = r;
            indexes[w] = i;
            w++;
        }

        if (w == 0)
        {
            return null;
        }

        if (w < writeCount)
        {
            Array.Resize(ref rows, r);
            Array.Resize(ref ends, w);
            Array.Resize(ref indexes, w);
        }

        return JournalRequest.Write(rows, ends, indexes, call, bytes);
    }

    private ValueTask EnqueueAsync(int shard, JournalRequest request, CancellationToken cancellationToken)
    {
        var writer = _queues[shard].Writer;
        return writer.TryWrite(request) ? ValueTask.CompletedTask : EnqueueSlowAsync(writer, request, cancellationToken);
    }

    private async ValueTask EnqueueSlowAsync(ChannelWriter<JournalRequest> writer, JournalRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException($"{GetType().Name} was disposed.", ex);
        }
    }

    private void ThrowIfNotRunning()
    {
        var state = Volatile.Read(ref _state);
        if (state != Running)
        {
            throw state == NotStarted
                ? new InvalidOperationException($"{GetType().Name} is not started; call StartAsync first.")
                : new ObjectDisposedException(GetType().Name, $"{GetType().Name} was disposed.");
        }
    }

    private async Task RunWriterAsync(int shard)
    {
        var reader = _queues[shard].Reader;
        var writer = _writers[shard];
        var batch = new List<JournalRequest>();
        long rows = 0;
        long bytes = 0;
        var sync = _syncLoops[shard];
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (sync is not null)
            {
                await sync.WaitForRoomAsync().ConfigureAwait(false);
            }

            while (reader.TryPeek(out var next))
            {
                if (next.Kind != JournalRequestKind.Write)
                {
                    if (batch.Count > 0)
                    {
                        break;
                    }

                    reader.TryRead(out _);
                    await RunControlAsync(shard, writer, next).ConfigureAwait(false);
                    continue;
                }

                if (batch.Count > 0 && (rows + next.Rows.Length > _batch.MaxBatchRows || bytes + next.Bytes > _batch.MaxBatchBytes))
                {
                    break;
                }

                reader.TryRead(out _);
                batch.Add(next);
                rows += next.Rows.Length;
                bytes += next.Bytes;
            }

            if (batch.Count > 0)
            {
                await CommitAsync(shard, writer, batch, rows).ConfigureAwait(false);
                batch.Clear();
                rows = 0;
                bytes = 0;
            }
        }
    }

    private async Task CommitAsync(int shard, IJournalBatchWriter writer, List<JournalRequest> batch, long rows)
    {
        try
        {
            var started = _timeProvider.GetTimestamp();
            await writer.CommitAsync(batch, CancellationToken.None).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            Interlocked.Increment(ref _statBatches);
            Interlocked.Add(ref _statRows, rows);
            Interlocked.Add(ref _statCommitTicks, elapsed.Ticks);
        }
        catch (Exception ex)
        {
            FailBatch(shard, [.. batch], ex);
            return;
        }

        if (_syncLoops[shard] is { } sync)
        {
            // Durable only after the sync loop's fsync; the next batch is written meanwhile.
            sync.Enqueue([.. batch]);
            return;
        }

        foreach (var request in batch)
        {
            request.Call!.CompletePart();
        }
    }

    private void FailBatch(int shard, JournalRequest[] batch, Exception ex)
    {
        // Outcome unknown: every caller of the batch sees a persist failure.
        Log.BatchFailed(Logger, ex, _store, shard, batch.Length);
        foreach (var request in batch)
        {
            request.Call!.Fail(ex);
        }
    }

    private async Task RunControlAsync(int shard, IJournalBatchWriter writer, JournalRequest request)
    {
        if (request.Kind == JournalRequestKind.Barrier)
        {
            if (_syncLoops[shard] is { } sync)
            {
                sync.Enqueue(request.Done!);
            }
            else
            {
                request.Done!.TrySetResult();
            }

            return;
        }

        try
        {
            await writer.DeleteToAsync(request.PersistenceId, request.ToSequenceNr, CancellationToken.None).ConfigureAwait(false);
            request.Done!.TrySetResult();
        }
        catch (Exception ex)
        {
            Log.DeleteFailed(Logger, ex, _store, request.PersistenceId, request.ToSequenceNr);
            request.Done!.TrySetException(ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "{Journal} started on {Store} with {Shards} writer connection(s)")]
        public static partial void Started(ILogger logger, string journal, string store, int shards);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Journal write to {Store} failed (shard {Shard}, {Writes} write calls); callers see a persist failure")]
        public static partial void BatchFailed(ILogger logger, Exception exception, string store, int shard, int writes);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Journal delete on {Store} failed for {PersistenceId} up to {ToSequenceNr}")]
        public static partial void DeleteFailed(ILogger logger, Exception exception, string store, string persistenceId, long toSequenceNr);
    }
}
