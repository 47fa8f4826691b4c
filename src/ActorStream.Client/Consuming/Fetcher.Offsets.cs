using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Consuming;

/// <content>
/// Positions for partitions without one: the group's committed offset (OffsetFetch through the
/// coordinator), else auto.offset.reset; resets to the log start or end by ListOffsets to each
/// partition's leader. Results are applied only if the partition's epoch did not move meanwhile.
/// </content>
internal sealed partial class Fetcher
{
    /// <summary>Kafka's special ListOffsets timestamps.</summary>
    internal const long EarliestTimestamp = -2;

    internal const long LatestTimestamp = -1;

    /// <summary>
    /// ListOffsets for the given timestamps (-2 earliest, -1 latest), one request per leader.
    /// Returns the offset per partition, or throws the first error as <see cref="KafkaException"/>.
    /// </summary>
    internal async Task<Dictionary<TopicPartition, long>> ListOffsetsAsync(IReadOnlyList<(TopicPartition Partition, long Timestamp)> queries, CancellationToken cancellationToken)
    {
        var metadata = _core.Cluster.Metadata;
        var byLeader = new Dictionary<int, List<(TopicPartition Partition, long Timestamp)>>();
        foreach (var query in queries)
        {
            if (!metadata.TryGetTopic(query.Partition.Topic, out var topic) || topic.LeaderOf(query.Partition.Partition) is var leader && leader < 0)
            {
                _core.Cluster.AddTopic(query.Partition.Topic);
                _core.Cluster.RequestMetadataUpdate();
                throw new KafkaException(new KafkaError(ErrorCode.LeaderNotAvailable, $"The leader of {query.Partition} is not known yet"));
            }

            if (!byLeader.TryGetValue(leader, out var list))
            {
                byLeader[leader] = list = [];
            }

            list.Add(query);
        }

        var requests = new List<Task<ListOffsetsResponse>>(byLeader.Count);
        foreach (var (leader, list) in byLeader)
        {
            requests.Add(_core.Cluster.SendAsync<ListOffsetsResponse>(leader, ApiKey.ListOffsets, _ => BuildListOffsets(list), null, cancellationToken));
        }

        var result = new Dictionary<TopicPartition, long>(queries.Count);
        foreach (var response in await Task.WhenAll(requests).ConfigureAwait(false))
        {
            foreach (var topic in response.Topics)
            {
                foreach (var partition in topic.Partitions)
                {
                    var tp = new TopicPartition(topic.Name, partition.PartitionIndex);
                    if (partition.ErrorCode != 0)
                    {
                        if (((ErrorCode)partition.ErrorCode) is ErrorCode.NotLeaderOrFollower or ErrorCode.UnknownTopicOrPartition or ErrorCode.LeaderNotAvailable)
                        {
                            _core.Cluster.RequestMetadataUpdate();
                        }

                        throw new KafkaException(KafkaError.FromBroker(partition.ErrorCode, $"ListOffsets for {tp} failed"));
                    }

                    result[tp] = partition.Offset >= 0 || partition.OldStyleOffsets.Count == 0 ? partition.Offset : partition.OldStyleOffsets[0];
                }
            }
        }

        return result;
    }

    private static ListOffsetsRequest BuildListOffsets(List<(TopicPartition Partition, long Timestamp)> queries)
    {
        var request = new ListOffsetsRequest { ReplicaId = -1, IsolationLevel = 0 };
        foreach (var (partition, timestamp) in queries)
        {
            ListOffsetsRequest.ListOffsetsTopic? topic = null;
            foreach (var existing in request.Topics)
            {
                if (string.Equals(existing.Name, partition.Topic, StringComparison.Ordinal))
                {
                    topic = existing;
                    break;
                }
            }

            if (topic is null)
            {
                topic = new ListOffsetsRequest.ListOffsetsTopic { Name = partition.Topic };
                request.Topics.Add(topic);
            }

            topic.Partitions.Add(new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = partition.Partition, Timestamp = timestamp, CurrentLeaderEpoch = -1 });
        }

        return request;
    }

    private async Task ResolveCommittedAsync(List<(PartitionState State, int Epoch)> partitions, CancellationToken cancellationToken)
    {
        var wanted = new List<TopicPartition>(partitions.Count);
        foreach (var (state, _) in partitions)
        {
            wanted.Add(state.TopicPartition);
        }

        Dictionary<TopicPartition, TopicPartitionOffset>? committed = null;
        KafkaError? failure = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Settings.DefaultApiTimeout);
            committed = await _core.Coordinator!.FetchCommittedAsync(wanted, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = new KafkaError(LocalErrorCode.Destroyed, ErrorCode.NetworkException, "The consumer is closing");
        }
        catch (OperationCanceledException)
        {
            failure = new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut, "OffsetFetch timed out");
        }
        catch (KafkaException e)
        {
            failure = e.Error;
        }

        var now = _core.Time.GetTimestamp();
        lock (_core.Lock)
        {
            foreach (var (state, epoch) in partitions)
            {
                if (state.Removed || state.Epoch != epoch)
                {
                    continue;
                }

                state.Resolving = false;
                if (committed is null)
                {
                    state.RetryAt = now + _core.Ticks(Settings.RetryBackoff);
                    continue;
                }

                if (committed.TryGetValue(state.TopicPartition, out var offset) && offset.Offset.Value >= 0)
                {
                    state.Position = offset.Offset.Value;
                    state.FetchOffset = offset.Offset.Value;
                    state.PositionLeaderEpoch = offset.LeaderEpoch ?? -1;
                    state.Reset = OffsetReset.None;
                }
                else
                {
                    ApplyResetPolicyLocked(state, "the group has no committed offset for it");
                }
            }
        }

        if (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            Log.OffsetLookupFailed(_logger, _core.Name, "OffsetFetch", failure);
        }

        _core.Wakeup.Set();
    }

    private async Task ResetOffsetsAsync(List<(PartitionState State, int Epoch, OffsetReset Reset)> partitions, CancellationToken cancellationToken)
    {
        var queries = new List<(TopicPartition Partition, long Timestamp)>(partitions.Count);
        foreach (var (state, _, reset) in partitions)
        {
            queries.Add((state.TopicPartition, reset == OffsetReset.Earliest ? EarliestTimestamp : LatestTimestamp));
        }

        Dictionary<TopicPartition, long>? offsets = null;
        try
        {
            offsets = await ListOffsetsAsync(queries, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (KafkaException e)
        {
            Log.OffsetLookupFailed(_logger, _core.Name, "ListOffsets", e.Error);
        }

        var now = _core.Time.GetTimestamp();
        lock (_core.Lock)
        {
            foreach (var (state, epoch, _) in partitions)
            {
                if (state.Removed || state.Epoch != epoch)
                {
                    continue;
                }

                state.Resolving = false;
                if (offsets is not null && offsets.TryGetValue(state.TopicPartition, out var offset) && offset >= 0)
                {
                    state.Position = offset;
                    state.FetchOffset = offset;
                    state.PositionLeaderEpoch = -1;
                    state.Reset = OffsetReset.None;
                    Log.PositionReset(_logger, _core.Name, state.TopicPartition, offset);
                }
                else
                {
                    state.RetryAt = now + _core.Ticks(Settings.RetryBackoff);
                }
            }
        }

        _core.Wakeup.Set();
    }

    /// <summary>auto.offset.reset for a partition without a usable offset (caller holds the lock).</summary>
    private void ApplyResetPolicyLocked(PartitionState state, string why)
    {
        switch (Settings.AutoOffsetReset)
        {
            case AutoOffsetReset.Earliest:
                state.Reset = OffsetReset.Earliest;
                break;
            case AutoOffsetReset.Latest:
                state.Reset = OffsetReset.Latest;
                break;
            default:
                state.Reset = OffsetReset.None;
                state.Position = -1;
                state.FetchOffset = -1;
                _core.FailLocked(state, new KafkaError(LocalErrorCode.NoOffset, ErrorCode.OffsetOutOfRange,
                    $"{state.TopicPartition} has no valid offset: {why}, and auto.offset.reset is none. Seek to a position first."));
                _core.Wakeup.Set();
                break;
        }
    }
}
