using System.Runtime.CompilerServices;
using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Persistence;
using ActorStream.Persistence.Journal;
using ActorStream.Serialization;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// The leader log of one partition, as a persistent actor: one journal event per record batch, stored
/// as the exact v2 bytes served to consumers (base offset and leader epoch written into the header).
/// <para>
/// Append: validate → assign offsets in memory (the log end offset moves at once) → tail cache →
/// PersistAllAsync (many appends in flight, commands never stashed) → on the journal's ack the high
/// watermark moves to the end of the last durable batch (single replica), the request is answered
/// and long-poll waiters whose offset is now below the high watermark are woken.
/// Fetch: from the tail cache, or off the mailbox through the journal's offset index.
/// Retention and DeleteRecords persist <see cref="LogStartOffsetMoved"/>, then delete journal events.
/// </para>
/// <para>
/// Write failure (outcome unknown): every pending append is answered KAFKA_STORAGE_ERROR and the
/// actor restarts and recovers from the journal, which defines the truth; the log end offset then
/// continues after the last stored batch. Write rejection (nothing stored, the actor goes on): that
/// append gets KAFKA_STORAGE_ERROR and its offsets stay unused (Kafka never reuses offsets; consumers
/// skip the gap). A batch failing its CRC during recovery is logged and skipped, never served.
/// </para>
/// Lifecycle: Recovering (commands stashed by the persistence runtime) → Serving. Not thread-safe:
/// like every actor it handles one message at a time.
/// </summary>
public sealed partial class PartitionActor : ReceivePersistentActor, IWithTimers
{
    private const string RetentionTimerKey = "retention";

    private static readonly ConditionalWeakTable<SerializationRegistry, object> s_boundRegistries = [];
    private static readonly object s_bound = new();

    private readonly string _topic;
    private readonly int _partition;
    private readonly string _persistenceId;
    private readonly TailCache _cache = new();
    private readonly DataWaiterQueue _waiters = new();
    private readonly Queue<PendingBatch> _inflight = new();
    private readonly Dictionary<long, ProducerState> _producers = [];
    private readonly Action<StoredBatch> _onBatchStored;
    private PartitionConfig _config;
    private long _logStartOffset;
    private long _logEndOffset;
    private long _highWatermark;
    private long _batchCount;
    private long _bytes;
    private long _maxTimestamp = -1;

    /// <summary>The last offset of the earliest durable batch holding <see cref="_maxTimestamp"/>; -1 when unknown.</summary>
    private long _maxTimestampOffset = -1;
    private long _batchesSinceSnapshot;
    private long _bytesSinceSnapshot;
    private Task<AsyncWriteJournal>? _journal;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public PartitionActor(string topic, int partition, PartitionConfig config, string? persistenceId = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(config);
        _topic = topic;
        _partition = partition;
        _config = config;
        _persistenceId = persistenceId ?? PersistenceIdFor(topic, partition);
        _onBatchStored = OnBatchStored;
        BindSerializer(Persistence);

        Recover<SnapshotOffer>(o => ApplySnapshot((PartitionSnapshot)o.Snapshot));
        Recover<StoredBatch>(RecoverBatch);
        Recover<LogStartOffsetMoved>(RecoverLogStartOffsetMoved);
        Recover<RecoveryCompleted>(_ => OnRecoveryCompleted());

        Command<PartitionProtocol.Append>(HandleAppend);
        Command<AppendTimedOut>(OnAppendTimedOut);
        Command<PartitionProtocol.Fetch>(HandleFetch);
        Command<PartitionProtocol.WaitForData>(HandleWaitForData);
        Command<WaitTimedOut>(OnWaitTimedOut);
        Command<PartitionProtocol.ListOffsets>(HandleListOffsets);
        Command<PartitionProtocol.DeleteRecords>(HandleDeleteRecords);
        Command<PartitionProtocol.OffsetForLeaderEpoch>(HandleOffsetForLeaderEpoch);
        Command<HeadTrimPlanned>(OnHeadTrimPlanned);
        Command<RetentionTick>(_ => StartRetention());
        Command<PartitionProtocol.GetPartitionState>(_ => Sender.Tell(new PartitionProtocol.PartitionState(
            _topic, _partition, _logStartOffset, _highWatermark, _logEndOffset, _config.LeaderEpoch, _batchCount, _bytes)));
        Command<PartitionProtocol.UpdateConfig>(HandleUpdateConfig);
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => Log.Warning(f.Cause, "Snapshot of partition {0}-{1} failed: {2}", _topic, _partition, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => Log.Warning(f.Cause, "Deleting journal events of partition {0}-{1} up to {2} failed: {3}", _topic, _partition, f.ToSequenceNr, f.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId => _persistenceId;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The persistence id of a partition log: <c>partition-{topic}-{partition}</c>.</summary>
    public static string PersistenceIdFor(string topic, int partition) => $"partition-{topic}-{partition}";

    /// <summary>Props of the leader log of <paramref name="topic"/>-<paramref name="partition"/>.</summary>
    /// <remarks><c>persistenceId</c>: Overrides <see cref="PersistenceIdFor"/> (tests, migrations).</remarks>
    public static Props Props(string topic, int partition, PartitionConfig? config = null, string? persistenceId = null)
        => Actor.Props.Create(() => new PartitionActor(topic, partition, config ?? PartitionConfig.Default, persistenceId));

    /// <summary>Binds the partition's events and snapshot to their serializer (idempotent).</summary>
    internal static void BindSerializer(Persistence.Persistence persistence)
    {
        // Binding clears the registry's lookup cache, so it happens once per registry, not per partition.
        var registry = persistence.Serialization;
        lock (s_boundRegistries)
        {
            if (!s_boundRegistries.TryGetValue(registry, out _))
            {
                registry
                    .Bind<StoredBatch>(PartitionEventSerializer.Instance)
                    .Bind<LogStartOffsetMoved>(PartitionEventSerializer.Instance)
                    .Bind<PartitionSnapshot>(PartitionEventSerializer.Instance);
                s_boundRegistries.Add(registry, s_bound);
            }
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        FailPending(ErrorCode.KafkaStorageError, "The partition leader stopped");
        _waiters.FailAll(new PartitionProtocol.DataAvailable(_topic, _partition, _highWatermark), Self);
        _cache.Clear();
        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        FailPending(ErrorCode.KafkaStorageError, "The journal failed to store the batch: " + cause.Message);
        _waiters.FailAll(new PartitionProtocol.DataAvailable(_topic, _partition, _highWatermark), Self);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (@event is StoredBatch && _inflight.TryDequeue(out var pending))
        {
            // The journal answered, so it no longer reads the bytes.
            pending.Buffer?.Dispose();
            _cache.Remove(pending.BaseOffset);
            var append = pending.Append;
            append.Error = ErrorCode.KafkaStorageError;
            append.ErrorMessage = "The journal rejected the batch: " + cause.Message;
            CompleteBatch(append);
        }
    }

    private void OnRecoveryCompleted()
    {
        _journal = Persistence.JournalFor(JournalPluginId);
        TrackEpoch(_config.LeaderEpoch, _logEndOffset);
        _cache.Evict(_config.TailCacheBytes, _highWatermark);
        StartRetentionTimer();
    }

    private void StartRetentionTimer()
    {
        if (_config.RetentionCheckInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(RetentionTimerKey, RetentionTick.Instance, _config.RetentionCheckInterval);
        }
        else
        {
            Timers.Cancel(RetentionTimerKey);
        }
    }

    private void HandleUpdateConfig(PartitionProtocol.UpdateConfig update)
    {
        _config = update.Config;
        TrackEpoch(_config.LeaderEpoch, _logEndOffset);
        _cache.Evict(_config.TailCacheBytes, _highWatermark);
        StartRetentionTimer();
        Sender.Tell(new PartitionProtocol.ConfigUpdated(_topic, _partition));
    }

    private void ApplySnapshot(PartitionSnapshot s)
    {
        _logStartOffset = s.LogStartOffset;
        _logEndOffset = s.LogEndOffset;
        _highWatermark = s.LogEndOffset;
        _batchCount = s.BatchCount;
        _bytes = s.Bytes;
        _maxTimestamp = s.MaxTimestamp;
        _maxTimestampOffset = s.MaxTimestampOffset;
        _epochs.Clear();
        TrackEpoch(s.LeaderEpoch, s.LogStartOffset);
        _producers.Clear();
        foreach (var p in s.Producers)
        {
            var state = new ProducerState(p.ProducerId, p.Epoch);
            foreach (var e in p.Batches)
            {
                state.Add(p.Epoch, e);
            }

            _producers[p.ProducerId] = state;
        }

        _cache.Clear();
    }

    private void RecoverBatch(StoredBatch stored)
    {
        if (!stored.IsIntact)
        {
            // A torn or corrupt batch is skipped, never served; offsets it claimed are not reused.
            var claimed = stored.OrderingKey;
            Log.Error("Partition {0}-{1}: journal event {2} is not an intact record batch (torn write or CRC mismatch); it is cut off and never served", _topic, _partition, LastSequenceNr);
            if (stored.Bytes.Length >= RecordBatch.HeaderSize && claimed.FirstOffset == _logEndOffset && claimed.LastOffset >= claimed.FirstOffset)
            {
                _logEndOffset = claimed.LastOffset + 1;
                _highWatermark = _logEndOffset;
            }

            return;
        }

        var batch = stored.HeaderView;
        var ordering = stored.OrderingKey;
        TrackEpoch(batch.PartitionLeaderEpoch, ordering.FirstOffset);
        _logEndOffset = ordering.LastOffset + 1;
        ApplyDurableBatch(stored, batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence, LastSequence(batch.BaseSequence, batch.LastOffsetDelta));
        _cache.Add(new CachedBatch(ordering.FirstOffset, ordering.LastOffset, ordering.MaxTimestamp, stored.Bytes));
        _cache.Evict(_config.TailCacheBytes, _highWatermark);
    }

    /// <summary>State changes of a batch the journal holds (live ack and replay alike).</summary>
    private void ApplyDurableBatch(StoredBatch stored, long producerId, short producerEpoch, int firstSequence, int lastSequence)
    {
        var ordering = stored.OrderingKey;
        _highWatermark = ordering.LastOffset + 1;
        _batchCount++;
        _bytes += stored.Bytes.Length;
        _batchesSinceSnapshot++;
        _bytesSinceSnapshot += stored.Bytes.Length;
        // Strictly greater: the earliest batch holding the max timestamp keeps it, as in Kafka.
        if (ordering.MaxTimestamp > _maxTimestamp)
        {
            _maxTimestamp = ordering.MaxTimestamp;
            _maxTimestampOffset = ordering.LastOffset;
        }

        if (producerId >= 0)
        {
            if (!_producers.TryGetValue(producerId, out var state))
            {
                state = new ProducerState(producerId, producerEpoch);
                _producers[producerId] = state;
            }

            state.Add(producerEpoch, new ProducerBatchEntry(firstSequence, lastSequence, ordering.FirstOffset));
        }
    }

    private void RecoverLogStartOffsetMoved(LogStartOffsetMoved moved)
    {
        // Replay no longer sees the deleted batches, so the totals as of the event are taken as they are.
        _batchCount = moved.RemainingBatches;
        _bytes = moved.RemainingBytes;
        MoveLogStart(moved.LogStartOffset);
    }

    private void ApplyLogStartOffsetMoved(LogStartOffsetMoved moved)
    {
        _batchCount -= moved.DeletedBatches;
        _bytes -= moved.DeletedBytes;
        MoveLogStart(moved.LogStartOffset);
    }

    private void MoveLogStart(long logStartOffset)
    {
        if (logStartOffset > _logStartOffset)
        {
            _logStartOffset = logStartOffset;
        }

        _cache.RemoveBefore(_logStartOffset);
        TruncateEpochsFromStart(_logStartOffset);
        if (_maxTimestampOffset >= 0 && _maxTimestampOffset < _logStartOffset)
        {
            _maxTimestamp = -1;
            _maxTimestampOffset = -1;
        }
    }

    private void SnapshotIfDue()
    {
        if ((_config.SnapshotEveryBatches > 0 && _batchesSinceSnapshot >= _config.SnapshotEveryBatches)
            || (_config.SnapshotEveryBytes > 0 && _bytesSinceSnapshot >= _config.SnapshotEveryBytes))
        {
            _batchesSinceSnapshot = 0;
            _bytesSinceSnapshot = 0;
            SaveSnapshot(BuildSnapshot());
        }
    }

    private PartitionSnapshot BuildSnapshot()
    {
        var producers = new PartitionSnapshot.Producer[_producers.Count];
        var i = 0;
        foreach (var state in _producers.Values)
        {
            var entries = new ProducerBatchEntry[state.Count];
            for (var j = 0; j < entries.Length; j++)
            {
                entries[j] = state[j];
            }

            producers[i++] = new PartitionSnapshot.Producer(state.ProducerId, state.Epoch, entries);
        }

        return new PartitionSnapshot(_logStartOffset, _highWatermark, _config.LeaderEpoch, _batchCount, _bytes, _maxTimestamp, _maxTimestampOffset, producers);
    }

    /// <summary>Kafka's last sequence of a batch: base sequence plus the offset delta, wrapping at int.MaxValue.</summary>
    private static int LastSequence(int baseSequence, int lastOffsetDelta)
        => baseSequence < 0 ? -1 : (int)((baseSequence + (long)lastOffsetDelta) % ((long)int.MaxValue + 1));

    /// <summary>Periodic retention check.</summary>
    private sealed class RetentionTick
    {
        public static readonly RetentionTick Instance = new();
    }
}
