using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// OffsetFetch (v0–8): the committed offsets of the listed partitions, or of every committed partition
/// when the topic list is null (v2+), from the group's coordinator. A partition without a commit (also
/// of an unknown topic or group) answers offset -1, leader epoch -1, metadata "" and NONE, so that
/// clients apply auto.offset.reset. v8 asks several groups at once (one coordinator ask each, in
/// parallel). require_stable (v7+) needs no wait: without transactions no offset is ever pending. An
/// ask that times out gets COORDINATOR_NOT_AVAILABLE: at the top level (v2+ and per group in v8) and on
/// each requested partition.
/// </summary>
public sealed class OffsetFetchHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.OffsetFetch;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var fetch = (OffsetFetchRequest)request;
        var response = new OffsetFetchResponse();
        if (header.ApiVersion >= 8)
        {
            var pending = new Task<(ErrorCode Error, List<OffsetFetchResponse.OffsetFetchResponseTopics> Topics)>[fetch.Groups.Count];
            for (var i = 0; i < pending.Length; i++)
            {
                var group = fetch.Groups[i];
                pending[i] = FetchAsync(group.GroupId, Requested(group.Topics), cancellationToken);
            }

            for (var i = 0; i < pending.Length; i++)
            {
                var (error, topics) = await pending[i].ConfigureAwait(false);
                response.Groups.Add(new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = fetch.Groups[i].GroupId, ErrorCode = (short)error, Topics = topics });
            }

            return response;
        }

        List<TopicPartition>? requested = null;
        if (fetch.Topics is { } topicsRequested)
        {
            requested = [];
            foreach (var topic in topicsRequested)
            {
                foreach (var partition in topic.PartitionIndexes)
                {
                    requested.Add(new TopicPartition(topic.Name, partition));
                }
            }
        }

        var (topError, groups) = await FetchAsync(fetch.GroupId, requested, cancellationToken).ConfigureAwait(false);
        response.ErrorCode = (short)topError;
        foreach (var topic in groups)
        {
            var single = new OffsetFetchResponse.OffsetFetchResponseTopic { Name = topic.Name };
            foreach (var partition in topic.Partitions)
            {
                single.Partitions.Add(new OffsetFetchResponse.OffsetFetchResponsePartition
                {
                    PartitionIndex = partition.PartitionIndex,
                    CommittedOffset = partition.CommittedOffset,
                    CommittedLeaderEpoch = partition.CommittedLeaderEpoch,
                    Metadata = partition.Metadata,
                    ErrorCode = partition.ErrorCode,
                });
            }

            response.Topics.Add(single);
        }

        return response;
    }

    private static List<TopicPartition>? Requested(List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics)
    {
        if (topics is null)
        {
            return null;
        }

        var requested = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            foreach (var partition in topic.PartitionIndexes)
            {
                requested.Add(new TopicPartition(topic.Name, partition));
            }
        }

        return requested;
    }

    /// <summary>
    /// The offsets of one group, grouped by topic in the order the coordinator answers them (request order,
    /// or topic and partition order for "all"), with the group-level error.
    /// </summary>
    private async Task<(ErrorCode Error, List<OffsetFetchResponse.OffsetFetchResponseTopics> Topics)> FetchAsync(
        string groupId,
        List<TopicPartition>? requested,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<GroupProtocol.FetchedOffset> fetched;
        ErrorCode error;
        try
        {
            var reply = await broker.AskGroupAsync<GroupProtocol.OffsetFetchReply>(groupId, new GroupProtocol.OffsetFetch(0, requested), null, cancellationToken).ConfigureAwait(false);
            fetched = reply.Partitions;
            error = reply.Error;
        }
        catch (AskTimeoutException)
        {
            error = ErrorCode.CoordinatorNotAvailable;
            var failed = new GroupProtocol.FetchedOffset[requested?.Count ?? 0];
            for (var i = 0; i < failed.Length; i++)
            {
                failed[i] = new GroupProtocol.FetchedOffset(requested![i].Topic, requested[i].Partition, -1, -1, string.Empty, error);
            }

            fetched = failed;
        }

        var topics = new List<OffsetFetchResponse.OffsetFetchResponseTopics>();
        var byName = new Dictionary<string, OffsetFetchResponse.OffsetFetchResponseTopics>(StringComparer.Ordinal);
        foreach (var offset in fetched)
        {
            if (!byName.TryGetValue(offset.Topic, out var topic))
            {
                topic = new OffsetFetchResponse.OffsetFetchResponseTopics { Name = offset.Topic };
                byName.Add(offset.Topic, topic);
                topics.Add(topic);
            }

            topic.Partitions.Add(new OffsetFetchResponse.OffsetFetchResponsePartitions
            {
                PartitionIndex = offset.Partition,
                CommittedOffset = offset.Offset,
                CommittedLeaderEpoch = offset.LeaderEpoch,
                Metadata = offset.Metadata,
                ErrorCode = (short)offset.Error,
            });
        }

        return (error, topics);
    }
}
