using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// OffsetForLeaderEpoch (v0–4) as the only replica: each partition's leader answers the end offset of the
/// requested leader epoch from its epoch cache (the log end offset for the current epoch, the start of the
/// next epoch for an older one, -1/-1 for an unknown one), after checking the client's current leader
/// epoch (v2+: FENCED_LEADER_EPOCH when older, UNKNOWN_LEADER_EPOCH when newer). Consumers use it to
/// validate their position after a leader change. Unknown topics or partitions are
/// UNKNOWN_TOPIC_OR_PARTITION.
/// </summary>
public sealed class OffsetForLeaderEpochHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.OffsetForLeaderEpoch;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var epochs = (OffsetForLeaderEpochRequest)request;
        var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        var response = new OffsetForLeaderEpochResponse();
        var pending = new List<(OffsetForLeaderEpochResponse.EpochEndOffset Slot, Task<PartitionProtocol.OffsetForLeaderEpochResult> Result)>();
        foreach (var topicRequest in epochs.Topics)
        {
            var topicResult = new OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult { Topic = topicRequest.Topic };
            response.Topics.Add(topicResult);
            snapshot.TryGet(topicRequest.Topic, out var topic);
            foreach (var partitionRequest in topicRequest.Partitions)
            {
                var slot = new OffsetForLeaderEpochResponse.EpochEndOffset { Partition = partitionRequest.Partition };
                topicResult.Partitions.Add(slot);
                if (topic is null || (uint)partitionRequest.Partition >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var current = header.ApiVersion >= 2 ? partitionRequest.CurrentLeaderEpoch : -1;
                var command = new PartitionProtocol.OffsetForLeaderEpoch(topic.Name, partitionRequest.Partition, current, partitionRequest.LeaderEpoch);
                pending.Add((slot, broker.AskPartitionAsync<PartitionProtocol.OffsetForLeaderEpochResult>(topic, partitionRequest.Partition, command, null, cancellationToken)));
            }
        }

        foreach (var (slot, task) in pending)
        {
            try
            {
                var result = await task.ConfigureAwait(false);
                slot.ErrorCode = (short)result.Error;
                slot.LeaderEpoch = result.LeaderEpoch;
                slot.EndOffset = result.EndOffset;
            }
            catch (AskTimeoutException)
            {
                slot.ErrorCode = (short)ErrorCode.RequestTimedOut;
            }
        }

        return response;
    }
}
