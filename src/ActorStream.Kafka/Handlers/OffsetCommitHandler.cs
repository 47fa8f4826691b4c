using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// OffsetCommit (v0–8). Partitions of topics that do not exist, or beyond a topic's partition count, get
/// UNKNOWN_TOPIC_OR_PARTITION each; the others go to the group's coordinator in one command, which checks
/// member and generation (a simple commit, generation -1 and member id "", is accepted while the group
/// has no members, as in Kafka; v0 carries neither and is always one) and answers once the offsets are
/// persisted. A simple commit may create the group, so it is registered first. v1 carries a commit
/// timestamp per partition, v2–4 a retention time, v6+ the leader epoch. The group id "" is accepted,
/// as Kafka accepts it for the offset APIs. An ask that times out gets COORDINATOR_NOT_AVAILABLE on each
/// partition, on which clients look the coordinator up again and retry.
/// </summary>
public sealed class OffsetCommitHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.OffsetCommit;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var commit = (OffsetCommitRequest)request;
        var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        var response = new OffsetCommitResponse();
        var toCommit = new List<GroupProtocol.OffsetCommitPartition>();
        var slots = new List<OffsetCommitResponse.OffsetCommitResponsePartition>();
        foreach (var topicRequest in commit.Topics)
        {
            var topicResponse = new OffsetCommitResponse.OffsetCommitResponseTopic { Name = topicRequest.Name };
            response.Topics.Add(topicResponse);
            snapshot.TryGet(topicRequest.Name, out var topic);
            foreach (var partitionRequest in topicRequest.Partitions)
            {
                var slot = new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = partitionRequest.PartitionIndex };
                topicResponse.Partitions.Add(slot);
                if (topic is null || (uint)partitionRequest.PartitionIndex >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                toCommit.Add(new GroupProtocol.OffsetCommitPartition(
                    topicRequest.Name,
                    partitionRequest.PartitionIndex,
                    partitionRequest.CommittedOffset,
                    partitionRequest.CommittedLeaderEpoch,
                    partitionRequest.CommittedMetadata,
                    partitionRequest.CommitTimestamp));
                slots.Add(slot);
            }
        }

        if (toCommit.Count == 0)
        {
            return response;
        }

        var command = new GroupProtocol.OffsetCommit(
            0,
            header.ApiVersion,
            commit.MemberId,
            commit.GroupInstanceId,
            commit.GenerationIdOrMemberEpoch,
            commit.RetentionTimeMs,
            toCommit);
        try
        {
            if (commit.GenerationIdOrMemberEpoch < 0)
            {
                await broker.RegisterGroupAsync(commit.GroupId, cancellationToken).ConfigureAwait(false);
            }

            var reply = await broker.AskGroupAsync<GroupProtocol.OffsetCommitReply>(commit.GroupId, command, null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < slots.Count; i++)
            {
                slots[i].ErrorCode = (short)reply.Partitions[i].Error;
            }
        }
        catch (AskTimeoutException)
        {
            foreach (var slot in slots)
            {
                slot.ErrorCode = (short)ErrorCode.CoordinatorNotAvailable;
            }
        }

        return response;
    }
}
