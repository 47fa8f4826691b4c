using System.Collections.Concurrent;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Producing;

/// <summary>
/// The producer's background loop (Kafka's Sender): drains ready batches from the
/// <see cref="RecordAccumulator"/>, groups them per partition leader into produce requests, and
/// completes, retries or fails them from the responses.
/// <code>
///   wake (append, response, metadata, connection, flush, memory waiter, timer)
///     └► process results (in send order per broker) ─► complete / requeue / fail
///     └► expire batches past delivery.timeout.ms
///     └► idempotence: reset sequences if needed, obtain a producer id
///     └► drain: per partition the oldest batch if ready (full, linger.ms passed, flush, retry due)
///               and allowed (leader known, broker below max.in.flight, ordering gates)
///               ─► one ProduceRequest per broker, at most one batch per partition
/// </code>
/// Ordering with idempotence: a batch keeps its sequence number across retries, retries go back to
/// the front of their partition in creation order, and a retried batch is only sent when nothing
/// else of its partition is in flight, so the broker sees sequences in order and drops duplicates.
/// All state below is owned by the loop; other threads only enqueue results and wake it.
/// </summary>
internal sealed partial class Sender
{
    private static readonly TimeSpan s_maxIdleWait = TimeSpan.FromMilliseconds(250);

    private readonly KafkaCluster _cluster;
    private readonly RecordAccumulator _accumulator;
    private readonly BufferMemory _memory;
    private readonly IDeliveryNotifier _notifier;
    private readonly ProducerSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<int> _onCompleted;
    private readonly AsyncSignal _wake = new();
    private readonly ConcurrentQueue<SendResult> _results = new();
    private readonly Dictionary<int, NodeState> _nodes = [];
    private readonly Dictionary<int, Draft> _drafts = [];
    private readonly long _lingerTicks;
    private readonly long _expiryCheckTicks;
    private Task _loop = Task.CompletedTask;
    private int _flushing;
    private volatile bool _closing;
    private volatile bool _aborting;
    private int _requestsInFlight;
    private long _nextExpiryCheck;
    private int _drainStart;

    public Sender(KafkaCluster cluster, RecordAccumulator accumulator, BufferMemory memory, IDeliveryNotifier notifier, ProducerSettings settings, Action<int> onCompleted)
    {
        _cluster = cluster;
        _accumulator = accumulator;
        _memory = memory;
        _notifier = notifier;
        _settings = settings;
        _onCompleted = onCompleted;
        _time = cluster.TimeProvider;
        _logger = cluster.Settings.LoggerFactory.CreateLogger<Sender>();
        _lingerTicks = Ticks(settings.Linger);
        _expiryCheckTicks = Ticks(TimeSpan.FromMilliseconds(100));
        _idempotent = settings.Idempotent;
        cluster.Changed += Wake;
        memory.Exhausted += Wake;
    }

    /// <summary>True while the producer is idempotent (it may fall back when the broker lacks InitProducerId).</summary>
    public bool IsIdempotent => _idempotent;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Wakes the loop (new batch, full batch, …). Any thread.</summary>
    public void Wake() => _wake.Set();

    /// <summary>Every batch is ready regardless of linger.ms until <see cref="EndFlush"/>.</summary>
    public void BeginFlush()
    {
        Interlocked.Increment(ref _flushing);
        Wake();
    }

    public void EndFlush() => Interlocked.Decrement(ref _flushing);

    /// <summary>
    /// Sends what is queued and stops once nothing is queued or in flight, or, after
    /// <paramref name="timeout"/>, fails what is left. Any thread; call once.
    /// </summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _closing = true;
        Wake();
        try
        {
            await _loop.WaitAsync(timeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _aborting = true;
            Wake();
        }
    }

    /// <summary>Completes when the loop has exited.</summary>
    public Task Completion => _loop;

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                var now = _time.GetTimestamp();
                var nextWake = now + Ticks(s_maxIdleWait);
                ProcessResults(now);
                ApplyInitOutcome(now);
                if (_aborting)
                {
                    FailQueued(new KafkaError(LocalErrorCode.Destroyed, ErrorCode.NetworkException, "The producer was closed before the record was sent"));
                    if (_requestsInFlight == 0)
                    {
                        return;
                    }
                }
                else
                {
                    if (now >= _nextExpiryCheck)
                    {
                        _nextExpiryCheck = now + _expiryCheckTicks;
                        ExpireBatches(now);
                    }

                    if (_idempotent && _resetPending)
                    {
                        TryResetSequences();
                    }

                    if ((!_idempotent || EnsureProducerId(now, ref nextWake)) && Drain(now, ref nextWake))
                    {
                        continue; // sent something: see whether more may go right away
                    }
                }

                if (_closing && _requestsInFlight == 0 && _results.IsEmpty && !_accumulator.HasQueuedBatches())
                {
                    return;
                }

                var wait = nextWake - _time.GetTimestamp();
                if (wait > 0 && _results.IsEmpty)
                {
                    await _wake.WaitAsync(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                // The loop must survive anything (a throwing delivery handler is caught earlier); log and go on.
                Log.LoopFailed(_logger, e);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends every ready batch allowed to go now; returns true if a request was sent.</summary>
    private bool Drain(long now, ref long nextWake)
    {
        var queues = _accumulator.Queues;
        if (queues.Length == 0)
        {
            return false;
        }

        var metadata = _cluster.Metadata;
        var force = _closing || Volatile.Read(ref _flushing) > 0 || _memory.HasWaiters;
        var batchSize = _accumulator.BatchSize;
        _drafts.Clear();
        var start = (int)((uint)_drainStart++ % (uint)queues.Length); // rotate so no partition is always drained first
        for (var n = 0; n < queues.Length; n++)
        {
            var queue = queues[(start + n) % queues.Length];
            ProducerBatch? head;
            bool full;
            lock (queue.Lock)
            {
                head = queue.Batches.First?.Value;
                full = head is not null && (queue.Batches.Count > 1 || head.IsFull(batchSize));
            }

            if (head is null)
            {
                continue;
            }

            if (head.Attempts > 0)
            {
                if (head.RetryAt > now)
                {
                    nextWake = Math.Min(nextWake, head.RetryAt);
                    continue;
                }
            }
            else if (!force && !full)
            {
                var due = head.CreatedAt + _lingerTicks;
                if (due > now)
                {
                    nextWake = Math.Min(nextWake, due);
                    continue;
                }
            }

            int leader;
            if (!metadata.TryGetTopic(queue.Topic, out var topic) || (leader = topic.LeaderOf(queue.Partition)) < 0)
            {
                _cluster.AddTopic(queue.Topic);
                _cluster.RequestMetadataUpdate();
                continue;
            }

            if (_idempotent && (_resetPending || queue.InFlight.Count >= _settings.MaxInFlight || (head.BaseSequence >= 0 && queue.InFlight.Count > 0)))
            {
                continue;
            }

            var node = Node(leader);
            if (node.RequestsInFlight >= _settings.MaxInFlight)
            {
                continue;
            }

            if (!_drafts.TryGetValue(leader, out var draft))
            {
                if (!_cluster.TryGetConnection(leader, out var connection))
                {
                    var delay = _cluster.Connections.ReconnectDelay(leader);
                    if (delay > TimeSpan.Zero)
                    {
                        nextWake = Math.Min(nextWake, now + Ticks(delay));
                    }

                    continue;
                }

                draft = new Draft(connection!);
                _drafts.Add(leader, draft);
            }

            if (draft.Batches.Count > 0 && draft.Size + head.EstimatedSize > _settings.MaxRequestSize)
            {
                continue;
            }

            lock (queue.Lock)
            {
                if (!ReferenceEquals(queue.Batches.First?.Value, head))
                {
                    continue;
                }

                queue.Batches.RemoveFirst();
                head.IsClosed = true;
            }

            draft.Batches.Add(head);
            draft.Size += head.EstimatedSize;
        }

        if (_drafts.Count == 0)
        {
            return false;
        }

        foreach (var (leader, draft) in _drafts)
        {
            Send(leader, draft);
        }

        _drafts.Clear();
        return true;
    }

    private void Send(int leader, Draft draft)
    {
        var batches = draft.Batches;
        if (!draft.Connection.Versions.TryGetVersion(ApiKey.Produce, out var version))
        {
            var error = new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                $"{draft.Connection.Endpoint} does not implement Produce v3 or later (RecordBatch v2)");
            foreach (var batch in batches)
            {
                Fail(batch, error, PersistenceStatus.NotPersisted);
            }

            return;
        }

        var request = new ProduceRequest { Acks = _settings.Acks, TimeoutMs = (int)_settings.RequestTimeout.TotalMilliseconds };
        foreach (var batch in batches)
        {
            var queue = batch.Queue;
            if (_idempotent)
            {
                if (batch.BaseSequence < 0)
                {
                    batch.BaseSequence = queue.NextSequence;
                    queue.NextSequence = (int)((queue.NextSequence + (long)batch.RecordCount) % ((long)int.MaxValue + 1));
                }

                batch.Encode(_producerId, _producerEpoch, batch.BaseSequence);
            }
            else if (!batch.IsEncoded)
            {
                batch.Encode(-1, -1, -1);
            }

            batch.Attempts++;
            queue.InFlight.Add(batch);
            TopicData(request, batch.Topic).PartitionData.Add(new ProduceRequest.PartitionProduceData { Index = batch.Partition, Records = batch.Encoded });
        }

        var node = Node(leader);
        node.RequestsInFlight++;
        _requestsInFlight++;
        var sequence = node.NextSendSequence++;
        Log.Sending(_logger, batches.Count, draft.Connection.Endpoint, draft.Size);
        _ = _settings.Acks == 0
            ? SendWithoutAckAsync(draft.Connection, request, version, leader, sequence, batches)
            : SendWithAckAsync(draft.Connection, request, version, leader, sequence, batches);
    }

    private async Task SendWithAckAsync(KafkaConnection connection, ProduceRequest request, short version, int leader, long sequence, List<ProducerBatch> batches)
    {
        SendResult result;
        try
        {
            // The broker waits up to request.timeout.ms for acks=all; give its answer a moment to arrive.
            var response = await connection.SendAsync<ProduceResponse>(request, version, _settings.RequestTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            result = new SendResult(leader, sequence, batches, response, null);
        }
        catch (KafkaException e)
        {
            result = new SendResult(leader, sequence, batches, null, e.Error);
        }
        catch (Exception e)
        {
            result = new SendResult(leader, sequence, batches, null, new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, e.Message));
        }

        _results.Enqueue(result);
        Wake();
    }

    private async Task SendWithoutAckAsync(KafkaConnection connection, ProduceRequest request, short version, int leader, long sequence, List<ProducerBatch> batches)
    {
        SendResult result;
        try
        {
            await connection.SendWithoutResponseAsync(request, version).ConfigureAwait(false);
            result = new SendResult(leader, sequence, batches, null, null);
        }
        catch (KafkaException e)
        {
            result = new SendResult(leader, sequence, batches, null, e.Error);
        }
        catch (Exception e)
        {
            result = new SendResult(leader, sequence, batches, null, new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, e.Message));
        }

        _results.Enqueue(result);
        Wake();
    }

    private static ProduceRequest.TopicProduceData TopicData(ProduceRequest request, string topic)
    {
        foreach (var data in request.TopicData)
        {
            if (string.Equals(data.Name, topic, StringComparison.Ordinal))
            {
                return data;
            }
        }

        var created = new ProduceRequest.TopicProduceData { Name = topic };
        request.TopicData.Add(created);
        return created;
    }

    private NodeState Node(int nodeId)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            node = new NodeState();
            _nodes.Add(nodeId, node);
        }

        return node;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Produce requests to one broker, in send order (sender loop only).</summary>
    private sealed class NodeState
    {
        public int RequestsInFlight { get; set; }

        public long NextSendSequence { get; set; }

        public long NextResultSequence { get; set; }

        /// <summary>Results that arrived before an earlier request's result.</summary>
        public SortedDictionary<long, SendResult> Early { get; } = [];
    }

    /// <summary>A produce request being assembled for one broker during a drain.</summary>
    private sealed class Draft(KafkaConnection connection)
    {
        public KafkaConnection Connection { get; } = connection;

        public List<ProducerBatch> Batches { get; } = [];

        public int Size { get; set; }
    }
}
