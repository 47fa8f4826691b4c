using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <summary>
/// The consumer's background fetch pipeline. One loop looks at every assigned partition and starts
/// what it needs, never waiting for a response itself:
/// <list type="bullet">
/// <item>no position yet → OffsetFetch of the committed offset (then auto.offset.reset) or ListOffsets
/// (<see cref="Fetcher"/>.Offsets.cs);</item>
/// <item>a position and fewer than <see cref="MaxBufferedFetches"/> fetched responses waiting → one
/// Fetch per leader for all such partitions it leads, with at most one Fetch in flight per broker
/// (on its own connection lane, so long polls never delay other requests).</item>
/// </list>
/// Responses become <see cref="CompletedFetch"/>es in the partitions' buffers; the loop runs again
/// when a response arrives, the consumer frees a buffer, the assignment or metadata changes, or a
/// retry comes due. Thread-safe; shares <see cref="ConsumerCore.Lock"/>.
/// </summary>
internal sealed partial class Fetcher
{
    /// <summary>Responses buffered per partition before it is fetched again: one being read and one ready.</summary>
    public const int MaxBufferedFetches = 2;

    /// <summary>The connection lane for fetches (lane 0 carries metadata and ListOffsets).</summary>
    private const int FetchLane = 1;

    private readonly ConsumerCore _core;
    private readonly ILogger _logger;
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<int> _brokersInFlight = [];
    private readonly Dictionary<int, long> _brokerRetryAt = [];
    private readonly HashSet<Task> _operations = [];
    private Task? _loop;

    public Fetcher(ConsumerCore core, ILogger logger)
    {
        _core = core;
        _logger = logger;
    }

    private ConsumerSettings Settings => _core.Settings;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Makes the loop look at the partitions again.</summary>
    public void Wake() => _signal.Set();

    /// <summary>Stops the loop and waits for the requests in flight to finish or be abandoned.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _signal.Set();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        Task[] operations;
        lock (_core.Lock)
        {
            operations = [.. _operations];
        }

        await Task.WhenAll(operations).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var retryBackoff = _core.Ticks(Settings.RetryBackoff);
        while (!token.IsCancellationRequested)
        {
            var now = _core.Time.GetTimestamp();
            var wakeAt = now + _core.Ticks(TimeSpan.FromSeconds(1));
            Dictionary<int, List<FetchTarget>>? fetches = null;
            List<(PartitionState State, int Epoch)>? committed = null;
            List<(PartitionState State, int Epoch, OffsetReset Reset)>? resets = null;
            var needMetadata = false;
            try
            {
                var metadata = _core.Cluster.Metadata;
                lock (_core.Lock)
                {
                    foreach (var state in _core.AssignedLocked)
                    {
                        if (state.Removed || state.Paused || state.AwaitingHandler || state.Failure is not null || state.Resolving)
                        {
                            continue;
                        }

                        if (now < state.RetryAt)
                        {
                            wakeAt = Math.Min(wakeAt, state.RetryAt);
                            continue;
                        }

                        switch (state.Reset)
                        {
                            case OffsetReset.Committed when _core.Coordinator is null:
                                ApplyResetPolicyLocked(state, "it has no committed offset (no group.id)");
                                wakeAt = now;
                                continue;
                            case OffsetReset.Committed:
                                state.Resolving = true;
                                (committed ??= []).Add((state, state.Epoch));
                                continue;
                            case OffsetReset.Earliest or OffsetReset.Latest:
                                state.Resolving = true;
                                (resets ??= []).Add((state, state.Epoch, state.Reset));
                                continue;
                        }

                        if (!state.IsFetchable(now))
                        {
                            continue;
                        }

                        var leader = metadata.TryGetTopic(state.Topic, out var topic) ? topic.LeaderOf(state.Partition) : -1;
                        if (leader < 0)
                        {
                            needMetadata = true;
                            continue;
                        }

                        if (_brokersInFlight.Contains(leader))
                        {
                            continue;
                        }

                        if (_brokerRetryAt.TryGetValue(leader, out var retryAt) && now < retryAt)
                        {
                            wakeAt = Math.Min(wakeAt, retryAt);
                            continue;
                        }

                        fetches ??= [];
                        if (!fetches.TryGetValue(leader, out var targets))
                        {
                            fetches[leader] = targets = [];
                        }

                        targets.Add(new FetchTarget(state, state.FetchOffset, state.Epoch));
                    }

                    if (fetches is not null)
                    {
                        foreach (var (leader, targets) in fetches)
                        {
                            _brokersInFlight.Add(leader);
                            foreach (var target in targets)
                            {
                                target.State.FetchInFlight = true;
                            }
                        }
                    }
                }

                if (needMetadata)
                {
                    _core.Cluster.RequestMetadataUpdate();
                    wakeAt = Math.Min(wakeAt, now + retryBackoff);
                }

                if (fetches is not null)
                {
                    foreach (var (leader, targets) in fetches)
                    {
                        Track(FetchAsync(leader, targets, token));
                    }
                }

                if (committed is not null)
                {
                    Track(ResolveCommittedAsync(committed, token));
                }

                if (resets is not null)
                {
                    Track(ResetOffsetsAsync(resets, token));
                }

                var wait = wakeAt - _core.Time.GetTimestamp();
                if (wait > 0)
                {
                    await _signal.WaitAsync(_core.Elapsed(0, wait), _core.Time, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The top of the loop: log, back off, go on.
                Log.LoopFailed(_logger, _core.Name, e);
                try
                {
                    await Task.Delay(Settings.RetryBackoffMax, _core.Time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Track(Task operation)
    {
        lock (_core.Lock)
        {
            if (!operation.IsCompleted)
            {
                _operations.Add(operation);
            }
        }

        _ = operation.ContinueWith(
            static (task, state) =>
            {
                var fetcher = (Fetcher)state!;
                lock (fetcher._core.Lock)
                {
                    fetcher._operations.Remove(task);
                }

                fetcher.Wake();
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task FetchAsync(int leader, List<FetchTarget> targets, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _core.Cluster.GetConnectionAsync(leader, FetchLane, cancellationToken).ConfigureAwait(false);
            var version = connection.Versions.GetVersion(ApiKey.Fetch);
            var response = await connection.SendAsync<FetchResponse>(BuildRequest(targets), version,
                Settings.RequestTimeout + Settings.FetchMaxWait, cancellationToken).ConfigureAwait(false);
            if (response.ErrorCode != 0)
            {
                throw new KafkaException(KafkaError.FromBroker(response.ErrorCode, "Fetch failed"));
            }

            Log.Fetched(_logger, _core.Name, connection.Endpoint, targets.Count);
            HandleResponse(targets, response);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (KafkaException e)
        {
            Log.FetchFailed(_logger, _core.Name, leader, e.Error);
            lock (_core.Lock)
            {
                _brokerRetryAt[leader] = _core.Time.GetTimestamp() + _core.Ticks(Settings.RetryBackoff);
            }

            _core.Cluster.RequestMetadataUpdate();
        }
        finally
        {
            lock (_core.Lock)
            {
                _brokersInFlight.Remove(leader);
                foreach (var target in targets)
                {
                    target.State.FetchInFlight = false;
                }
            }
        }
    }

    private FetchRequest BuildRequest(List<FetchTarget> targets)
    {
        var request = new FetchRequest
        {
            ReplicaId = -1,
            MaxWaitMs = (int)Settings.FetchMaxWait.TotalMilliseconds,
            MinBytes = Settings.FetchMinBytes,
            MaxBytes = Settings.FetchMaxBytes,
            IsolationLevel = 0,
            SessionId = 0,
            SessionEpoch = -1, // no fetch session: every request is a full one
            RackId = Settings.ClientRack ?? string.Empty,
        };
        FetchRequest.FetchTopic? topic = null;
        foreach (var target in targets)
        {
            if (topic is null || !string.Equals(topic.Topic, target.State.Topic, StringComparison.Ordinal))
            {
                topic = null;
                foreach (var existing in request.Topics)
                {
                    if (string.Equals(existing.Topic, target.State.Topic, StringComparison.Ordinal))
                    {
                        topic = existing;
                        break;
                    }
                }

                if (topic is null)
                {
                    topic = new FetchRequest.FetchTopic { Topic = target.State.Topic };
                    request.Topics.Add(topic);
                }
            }

            topic.Partitions.Add(new FetchRequest.FetchPartition
            {
                Partition = target.State.Partition,
                FetchOffset = target.FetchOffset,
                PartitionMaxBytes = Settings.MaxPartitionFetchBytes,
                CurrentLeaderEpoch = -1,
                LogStartOffset = -1,
            });
        }

        return request;
    }

    private void HandleResponse(List<FetchTarget> targets, FetchResponse response)
    {
        var now = _core.Time.GetTimestamp();
        var dataArrived = false;
        var needMetadata = false;
        lock (_core.Lock)
        {
            foreach (var topic in response.Responses)
            {
                foreach (var partition in topic.Partitions)
                {
                    var target = Find(targets, topic.Topic, partition.PartitionIndex);
                    if (target is null)
                    {
                        continue;
                    }

                    var state = target.Value.State;
                    if (state.Removed || state.Epoch != target.Value.Epoch || state.FetchOffset != target.Value.FetchOffset)
                    {
                        continue; // the position jumped while the fetch was in flight
                    }

                    var error = (ErrorCode)partition.ErrorCode;
                    switch (error)
                    {
                        case ErrorCode.None:
                            dataArrived |= Accept(state, target.Value, partition);
                            break;
                        case ErrorCode.OffsetOutOfRange:
                            OutOfRangeLocked(state, target.Value.FetchOffset, partition);
                            break;
                        case ErrorCode.NotLeaderOrFollower or ErrorCode.LeaderNotAvailable or ErrorCode.UnknownTopicOrPartition
                            or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch or ErrorCode.ReplicaNotAvailable
                            or ErrorCode.KafkaStorageError or ErrorCode.OffsetNotAvailable or ErrorCode.UnknownTopicId:
                            needMetadata = true;
                            state.RetryAt = now + _core.Ticks(Settings.RetryBackoff);
                            Log.PartitionRetry(_logger, _core.Name, state.TopicPartition, error);
                            break;
                        default:
                            if (error.IsRetriable())
                            {
                                state.RetryAt = now + _core.Ticks(Settings.RetryBackoff);
                                Log.PartitionRetry(_logger, _core.Name, state.TopicPartition, error);
                            }
                            else
                            {
                                _core.FailLocked(state, KafkaError.FromBroker(partition.ErrorCode, $"Fetching {state.TopicPartition} failed: {error.GetKafkaName()}"));
                                dataArrived = true;
                            }

                            break;
                    }
                }
            }
        }

        if (needMetadata)
        {
            _core.Cluster.RequestMetadataUpdate();
        }

        if (dataArrived)
        {
            _core.Wakeup.Set();
        }
    }

    /// <summary>Buffers the records of a successful partition response (caller holds the lock); true if the consumer has something new.</summary>
    private bool Accept(PartitionState state, FetchTarget target, FetchResponse.PartitionData partition)
    {
        state.HighWatermark = partition.HighWatermark;
        if (partition.LogStartOffset >= 0)
        {
            state.LogStartOffset = partition.LogStartOffset;
        }

        var records = partition.Records ?? ReadOnlyMemory<byte>.Empty;
        var fetch = CompletedFetch.Create(state, target.Epoch, records, target.FetchOffset, partition.HighWatermark, out var next);
        if (fetch is not null)
        {
            _core.EnqueueLocked(state, fetch);
            state.FetchOffset = next;
            state.EofQueued = false;
            return true;
        }

        if (!records.IsEmpty)
        {
            // Brokers return the first batch whole whatever the byte limits, so only a damaged response gets here.
            _core.FailLocked(state, new KafkaError(LocalErrorCode.BadMessage, ErrorCode.CorruptMessage,
                $"The fetch of {state.TopicPartition} at offset {target.FetchOffset} returned {records.Length} bytes without a complete record batch."));
            return true;
        }

        if (Settings.EnablePartitionEof && !state.EofQueued && partition.HighWatermark >= 0 && target.FetchOffset == partition.HighWatermark)
        {
            state.EofQueued = true;
            _core.EnqueueLocked(state, CompletedFetch.Eof(state, target.Epoch, partition.HighWatermark));
            return true;
        }

        return false;
    }

    private void OutOfRangeLocked(PartitionState state, long fetchOffset, FetchResponse.PartitionData partition)
    {
        Log.OutOfRange(_logger, _core.Name, state.TopicPartition, fetchOffset, partition.LogStartOffset, partition.HighWatermark, Settings.AutoOffsetReset);
        switch (Settings.AutoOffsetReset)
        {
            case AutoOffsetReset.Earliest:
                state.Jump(-1, OffsetReset.Earliest);
                break;
            case AutoOffsetReset.Latest:
                state.Jump(-1, OffsetReset.Latest);
                break;
            default:
                _core.FailLocked(state, new KafkaError(ErrorCode.OffsetOutOfRange,
                    $"Fetch offset {fetchOffset} of {state.TopicPartition} is out of range (log {partition.LogStartOffset}..{partition.HighWatermark}) and auto.offset.reset is none"));
                _core.Wakeup.Set();
                break;
        }
    }

    private static FetchTarget? Find(List<FetchTarget> targets, string topic, int partition)
    {
        foreach (var target in targets)
        {
            if (target.State.Partition == partition && string.Equals(target.State.Topic, topic, StringComparison.Ordinal))
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>One partition in a Fetch: where it was asked from and the partition's epoch at that time.</summary>
    /// <param name="State">The partition.</param>
    /// <param name="FetchOffset">The offset asked for.</param>
    /// <param name="Epoch">The partition's epoch when the request was built.</param>
    private readonly record struct FetchTarget(PartitionState State, long FetchOffset, int Epoch);
}
