using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Consuming;

/// <content>
/// OffsetCommit and OffsetFetch through the group coordinator. A subscribed consumer commits with its
/// generation and member id, so a commit from a member that was rebalanced out fails instead of
/// overwriting the new owner's progress; a consumer with a manual assignment commits as a simple
/// consumer (generation -1). Retriable errors are retried with backoff until the caller's token fires.
/// </content>
internal sealed partial class ConsumerCoordinator
{
    /// <summary>Commits <paramref name="offsets"/> (each the next offset to consume). Throws <see cref="KafkaException"/> when the group rejects them.</summary>
    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets, CancellationToken cancellationToken)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        var attempts = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var generation = Generation;
            if (generation is null && _core.Mode == ConsumerCore.SubscriptionMode.Subscribe)
            {
                throw new KafkaException(new KafkaError(LocalErrorCode.State, ErrorCode.RebalanceInProgress,
                    $"The consumer has no active generation in group {_groupId} (it is joining or rebalancing); commit after the rebalance"));
            }

            ErrorCode error;
            try
            {
                var response = await SendAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, _ => BuildCommit(offsets, generation), null, OffsetsLane, cancellationToken)
                    .ConfigureAwait(false);
                error = FirstError(response);
            }
            catch (KafkaException e) when (e.Error.IsRetriable)
            {
                Log.CommitRetry(_logger, _groupId, e.Error);
                await Task.Delay(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, attempts++), _core.Time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            switch (error)
            {
                case ErrorCode.None:
                    Log.Committed(_logger, _groupId, offsets.Count, generation?.GenerationId ?? -1);
                    return;
                case ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable:
                    Cluster.InvalidateCoordinator(CoordinatorType.Group, _groupId);
                    break;
                case ErrorCode.CoordinatorLoadInProgress or ErrorCode.RequestTimedOut:
                    break;
                case ErrorCode.RebalanceInProgress:
                    RequestRejoin("a commit found the group rebalancing", generationLost: false);
                    throw new KafkaException(new KafkaError(error, $"Commit to group {_groupId} failed: the group is rebalancing; commit again after the rebalance"));
                case ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration:
                    RequestRejoin("a commit found the generation gone", generationLost: true);
                    throw new KafkaException(new KafkaError(error,
                        $"Commit to group {_groupId} failed: the group already rebalanced and assigned the partitions to another member ({error.GetKafkaName()})"));
                default:
                    throw new KafkaException(new KafkaError(error, $"Commit to group {_groupId} failed: {error.GetKafkaName()}"));
            }

            Log.CommitError(_logger, _groupId, error);
            await Task.Delay(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, attempts++), _core.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The group's committed offsets for <paramref name="partitions"/>; <see cref="Offset.Unset"/> where there is none.</summary>
    public async Task<Dictionary<TopicPartition, TopicPartitionOffset>> FetchCommittedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OffsetFetchResponse response;
            short version;
            try
            {
                short used = -1;
                response = await SendAsync<OffsetFetchResponse>(ApiKey.OffsetFetch, v =>
                {
                    used = v;
                    return BuildOffsetFetch(v, partitions);
                }, null, OffsetsLane, cancellationToken).ConfigureAwait(false);
                version = used;
            }
            catch (KafkaException e) when (e.Error.IsRetriable)
            {
                await Task.Delay(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, attempts++), _core.Time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (error, result) = ReadOffsetFetch(version, response);
            switch (error)
            {
                case ErrorCode.None:
                    return result;
                case ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable:
                    Cluster.InvalidateCoordinator(CoordinatorType.Group, _groupId);
                    break;
                case ErrorCode.CoordinatorLoadInProgress or ErrorCode.UnstableOffsetCommit:
                    break;
                default:
                    throw new KafkaException(new KafkaError(error, $"OffsetFetch from group {_groupId} failed: {error.GetKafkaName()}"));
            }

            await Task.Delay(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, attempts++), _core.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private OffsetCommitRequest BuildCommit(IReadOnlyList<TopicPartitionOffset> offsets, GroupGeneration? generation)
    {
        var request = new OffsetCommitRequest
        {
            GroupId = _groupId,
            GenerationIdOrMemberEpoch = generation?.GenerationId ?? -1,
            MemberId = generation?.MemberId ?? string.Empty,
            GroupInstanceId = generation?.GroupInstanceId,
            RetentionTimeMs = -1,
        };
        foreach (var offset in offsets)
        {
            OffsetCommitRequest.OffsetCommitRequestTopic? topic = null;
            foreach (var existing in request.Topics)
            {
                if (string.Equals(existing.Name, offset.Topic, StringComparison.Ordinal))
                {
                    topic = existing;
                    break;
                }
            }

            if (topic is null)
            {
                topic = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = offset.Topic };
                request.Topics.Add(topic);
            }

            topic.Partitions.Add(new OffsetCommitRequest.OffsetCommitRequestPartition
            {
                PartitionIndex = offset.Partition.Value,
                CommittedOffset = offset.Offset.Value,
                CommittedLeaderEpoch = offset.LeaderEpoch ?? -1,
                CommittedMetadata = string.Empty,
            });
        }

        return request;
    }

    private static ErrorCode FirstError(OffsetCommitResponse response)
    {
        foreach (var topic in response.Topics)
        {
            foreach (var partition in topic.Partitions)
            {
                if (partition.ErrorCode != 0)
                {
                    return (ErrorCode)partition.ErrorCode;
                }
            }
        }

        return ErrorCode.None;
    }

    private OffsetFetchRequest BuildOffsetFetch(short version, IReadOnlyList<TopicPartition> partitions)
    {
        var byTopic = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            if (!byTopic.TryGetValue(partition.Topic, out var list))
            {
                byTopic[partition.Topic] = list = [];
            }

            list.Add(partition.Partition.Value);
        }

        var request = new OffsetFetchRequest { RequireStable = false };
        if (version >= 8)
        {
            var group = new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = _groupId, Topics = [] };
            foreach (var (topic, list) in byTopic)
            {
                group.Topics.Add(new OffsetFetchRequest.OffsetFetchRequestTopics { Name = topic, PartitionIndexes = list });
            }

            request.Groups.Add(group);
        }
        else
        {
            request.GroupId = _groupId;
            request.Topics = [];
            foreach (var (topic, list) in byTopic)
            {
                request.Topics.Add(new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic, PartitionIndexes = list });
            }
        }

        return request;
    }

    private static (ErrorCode Error, Dictionary<TopicPartition, TopicPartitionOffset> Offsets) ReadOffsetFetch(short version, OffsetFetchResponse response)
    {
        var result = new Dictionary<TopicPartition, TopicPartitionOffset>();
        if (version >= 8)
        {
            foreach (var group in response.Groups)
            {
                if (group.ErrorCode != 0)
                {
                    return ((ErrorCode)group.ErrorCode, result);
                }

                foreach (var topic in group.Topics)
                {
                    foreach (var partition in topic.Partitions)
                    {
                        var error = Add(result, topic.Name, partition.PartitionIndex, partition.CommittedOffset, partition.CommittedLeaderEpoch, partition.ErrorCode);
                        if (error != ErrorCode.None)
                        {
                            return (error, result);
                        }
                    }
                }
            }

            return (ErrorCode.None, result);
        }

        if (response.ErrorCode != 0)
        {
            return ((ErrorCode)response.ErrorCode, result);
        }

        foreach (var topic in response.Topics)
        {
            foreach (var partition in topic.Partitions)
            {
                var error = Add(result, topic.Name, partition.PartitionIndex, partition.CommittedOffset, partition.CommittedLeaderEpoch, partition.ErrorCode);
                if (error != ErrorCode.None)
                {
                    return (error, result);
                }
            }
        }

        return (ErrorCode.None, result);
    }

    private static ErrorCode Add(Dictionary<TopicPartition, TopicPartitionOffset> result, string topic, int partition, long offset, int leaderEpoch, short errorCode)
    {
        var error = (ErrorCode)errorCode;
        if (error is not (ErrorCode.None or ErrorCode.UnknownTopicOrPartition))
        {
            return error;
        }

        var tp = new TopicPartition(topic, partition);
        result[tp] = new TopicPartitionOffset(tp, error == ErrorCode.None && offset >= 0 ? offset : Offset.Unset, leaderEpoch >= 0 ? leaderEpoch : null);
        return ErrorCode.None;
    }
}
