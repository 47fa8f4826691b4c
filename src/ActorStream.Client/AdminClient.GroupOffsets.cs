using ActorStream.Client.Admin;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Committed offsets of groups: OffsetFetch and OffsetCommit (as a simple, member-less commit) on the coordinator.</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public async Task<List<ListConsumerGroupOffsetsResult>> ListConsumerGroupOffsetsAsync(IEnumerable<ConsumerGroupTopicPartitions> groupPartitions,
        ListConsumerGroupOffsetsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupPartitions);
        var requests = new Dictionary<string, ConsumerGroupTopicPartitions>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var request in groupPartitions)
        {
            if (!requests.TryAdd(request.Group, request))
            {
                throw new ArgumentException($"Group '{request.Group}' is listed more than once.", nameof(groupPartitions));
            }

            ids.Add(request.Group);
        }

        var results = await CallPerItemAsync("ListConsumerGroupOffsets", options, ids,
            (pending, _, token) => ForEachCoordinatorAsync(pending, static g => g, async (coordinator, items) =>
            {
                var answered = new Dictionary<string, ListConsumerGroupOffsetsResult>(StringComparer.Ordinal);
                foreach (var group in items)
                {
                    var requested = requests[group].TopicPartitions;
                    var response = await SendToNodeAsync<OffsetFetchResponse>(coordinator, ApiKey.OffsetFetch,
                        version => BuildOffsetFetch(version, group, requested, options?.RequireStableOffsets ?? false), token).ConfigureAwait(false);
                    answered[group] = ReadOffsetFetch(response, group, requested);
                }

                return answered;
            }, static (group, error) => new ListConsumerGroupOffsetsResult(group, [], error), static r => r.Error, token),
            static r => r.Error, IsRetriableCoordinatorError, static (group, error) => new ListConsumerGroupOffsetsResult(group, [], error), cancellationToken).ConfigureAwait(false);

        var list = new List<ListConsumerGroupOffsetsResult>(ids.Count);
        var failed = false;
        foreach (var id in ids)
        {
            var result = results[id];
            list.Add(result);
            failed |= result.Error.IsError || result.Partitions.Exists(static p => p.Error.IsError);
        }

        return failed ? throw new ListConsumerGroupOffsetsException(list) : list;
    }

    /// <inheritdoc />
    public async Task<List<AlterConsumerGroupOffsetsResult>> AlterConsumerGroupOffsetsAsync(IEnumerable<ConsumerGroupTopicPartitionOffsets> groupPartitions,
        AlterConsumerGroupOffsetsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupPartitions);
        var requests = new Dictionary<string, ConsumerGroupTopicPartitionOffsets>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var request in groupPartitions)
        {
            if (!requests.TryAdd(request.Group, request))
            {
                throw new ArgumentException($"Group '{request.Group}' is listed more than once.", nameof(groupPartitions));
            }

            foreach (var offset in request.TopicPartitionOffsets)
            {
                if (offset.Offset.Value < 0)
                {
                    throw new ArgumentException($"Offset {offset.Offset} of {offset.TopicPartition} is not a committable offset.", nameof(groupPartitions));
                }
            }

            ids.Add(request.Group);
        }

        var results = await CallPerItemAsync("AlterConsumerGroupOffsets", options, ids,
            (pending, _, token) => ForEachCoordinatorAsync(pending, static g => g, async (coordinator, items) =>
            {
                var answered = new Dictionary<string, AlterConsumerGroupOffsetsResult>(StringComparer.Ordinal);
                foreach (var group in items)
                {
                    var offsets = requests[group].TopicPartitionOffsets;
                    var response = await SendToNodeAsync<OffsetCommitResponse>(coordinator, ApiKey.OffsetCommit, _ => BuildOffsetCommit(group, offsets), token).ConfigureAwait(false);
                    answered[group] = ReadOffsetCommit(response, group, offsets);
                }

                return answered;
            }, static (group, error) => new AlterConsumerGroupOffsetsResult(group, [], error), static r => r.Error, token),
            static r => r.Error, IsRetriableCoordinatorError, static (group, error) => new AlterConsumerGroupOffsetsResult(group, [], error), cancellationToken).ConfigureAwait(false);

        var list = new List<AlterConsumerGroupOffsetsResult>(ids.Count);
        var failed = false;
        foreach (var id in ids)
        {
            var result = results[id];
            list.Add(result);
            failed |= result.Error.IsError || result.Partitions.Exists(static p => p.Error.IsError);
        }

        return failed ? throw new AlterConsumerGroupOffsetsException(list) : list;
    }

    private static OffsetFetchRequest BuildOffsetFetch(short version, string group, List<TopicPartition>? partitions, bool requireStable)
    {
        if (version < 2 && partitions is null)
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                "Listing every committed offset of a group needs OffsetFetch v2+; name the partitions"));
        }

        var request = new OffsetFetchRequest { RequireStable = requireStable };
        if (version >= 8)
        {
            List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics = null;
            if (partitions is not null)
            {
                topics = [];
                foreach (var (topic, indexes) in ByTopic(partitions))
                {
                    topics.Add(new OffsetFetchRequest.OffsetFetchRequestTopics { Name = topic, PartitionIndexes = indexes });
                }
            }

            request.Groups.Add(new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = group, Topics = topics });
            return request;
        }

        request.GroupId = group;
        if (partitions is null)
        {
            request.Topics = null;
        }
        else
        {
            request.Topics = [];
            foreach (var (topic, indexes) in ByTopic(partitions))
            {
                request.Topics.Add(new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic, PartitionIndexes = indexes });
            }
        }

        return request;
    }

    private static ListConsumerGroupOffsetsResult ReadOffsetFetch(OffsetFetchResponse response, string group, List<TopicPartition>? requested)
    {
        var offsets = new List<TopicPartitionOffsetError>();
        KafkaError groupError;
        if (response.Groups.Count > 0)
        {
            var answer = response.Groups[0];
            groupError = KafkaError.FromBroker(answer.ErrorCode);
            foreach (var topic in answer.Topics)
            {
                foreach (var p in topic.Partitions)
                {
                    offsets.Add(Committed(topic.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode));
                }
            }
        }
        else
        {
            groupError = KafkaError.FromBroker(response.ErrorCode);
            foreach (var topic in response.Topics)
            {
                foreach (var p in topic.Partitions)
                {
                    offsets.Add(Committed(topic.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode));
                }
            }
        }

        if (requested is null)
        {
            offsets.Sort(static (a, b) => a.Topic != b.Topic ? string.CompareOrdinal(a.Topic, b.Topic) : a.Partition.Value.CompareTo(b.Partition.Value));
            return new ListConsumerGroupOffsetsResult(group, offsets, groupError);
        }

        // In the order asked for; a partition the coordinator left out has no committed offset.
        var ordered = new List<TopicPartitionOffsetError>(requested.Count);
        foreach (var partition in requested)
        {
            var found = offsets.Find(o => o.TopicPartition == partition);
            ordered.Add(found ?? new TopicPartitionOffsetError(new TopicPartitionOffset(partition, Offset.Unset), KafkaError.NoError));
        }

        return new ListConsumerGroupOffsetsResult(group, ordered, groupError);
    }

    private static TopicPartitionOffsetError Committed(string topic, int partition, long offset, int leaderEpoch, string? metadata, short errorCode) =>
        new(new TopicPartitionOffset(topic, partition, offset < 0 ? Offset.Unset : new Offset(offset), leaderEpoch >= 0 ? leaderEpoch : null),
            KafkaError.FromBroker(errorCode), metadata);

    private static OffsetCommitRequest BuildOffsetCommit(string group, List<TopicPartitionOffset> offsets)
    {
        // A simple commit: no generation, no member (the coordinator accepts it only while the group has no members).
        var request = new OffsetCommitRequest { GroupId = group, GenerationIdOrMemberEpoch = -1, MemberId = string.Empty, GroupInstanceId = null, RetentionTimeMs = -1 };
        var topics = new Dictionary<string, OffsetCommitRequest.OffsetCommitRequestTopic>(StringComparer.Ordinal);
        foreach (var offset in offsets)
        {
            if (!topics.TryGetValue(offset.Topic, out var topic))
            {
                topics[offset.Topic] = topic = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = offset.Topic };
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

    private static AlterConsumerGroupOffsetsResult ReadOffsetCommit(OffsetCommitResponse response, string group, List<TopicPartitionOffset> offsets)
    {
        var errors = new Dictionary<TopicPartition, KafkaError>();
        foreach (var topic in response.Topics)
        {
            foreach (var p in topic.Partitions)
            {
                errors[new TopicPartition(topic.Name, p.PartitionIndex)] = KafkaError.FromBroker(p.ErrorCode);
            }
        }

        var partitions = new List<TopicPartitionOffsetError>(offsets.Count);
        var groupError = KafkaError.NoError;
        foreach (var offset in offsets)
        {
            var error = errors.TryGetValue(offset.TopicPartition, out var e) ? e
                : new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError, "The coordinator's response did not mention the partition");
            partitions.Add(new TopicPartitionOffsetError(offset, error));
            if (IsRetriableCoordinatorError(error))
            {
                groupError = error; // the whole commit went to the wrong (or a loading) coordinator: retry the group
            }
        }

        return new AlterConsumerGroupOffsetsResult(group, partitions, groupError);
    }

    private static List<(string Topic, List<int> Partitions)> ByTopic(List<TopicPartition> partitions)
    {
        var result = new List<(string Topic, List<int> Partitions)>();
        foreach (var partition in partitions)
        {
            var index = result.FindIndex(t => t.Topic == partition.Topic);
            if (index < 0)
            {
                result.Add((partition.Topic, [partition.Partition.Value]));
            }
            else
            {
                result[index].Partitions.Add(partition.Partition.Value);
            }
        }

        return result;
    }
}
