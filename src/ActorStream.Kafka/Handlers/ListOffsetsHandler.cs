using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>ListOffsets: -1 latest, -2 earliest, -3 max timestamp, else by time; v0 answers in old-style offsets.</summary>
public sealed class ListOffsetsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.ListOffsets;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var list = (ListOffsetsRequest)request;
        var version = header.ApiVersion;
        var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        var response = new ListOffsetsResponse();
        var pending = new List<(ListOffsetsResponse.ListOffsetsPartitionResponse Slot, Task<PartitionProtocol.ListOffsetsResult> Result, int MaxNumOffsets)>();
        foreach (var topicRequest in list.Topics)
        {
            var topicResponse = new ListOffsetsResponse.ListOffsetsTopicResponse { Name = topicRequest.Name };
            response.Topics.Add(topicResponse);
            snapshot.TryGet(topicRequest.Name, out var topic);
            foreach (var partitionRequest in topicRequest.Partitions)
            {
                var slot = new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = partitionRequest.PartitionIndex };
                topicResponse.Partitions.Add(slot);
                if (topic is null || (uint)partitionRequest.PartitionIndex >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var command = new PartitionProtocol.ListOffsets(topic.Name, partitionRequest.PartitionIndex, partitionRequest.Timestamp);
                pending.Add((slot, broker.AskPartitionAsync<PartitionProtocol.ListOffsetsResult>(topic, partitionRequest.PartitionIndex, command, null, cancellationToken), partitionRequest.MaxNumOffsets));
            }
        }

        foreach (var (slot, task, maxNumOffsets) in pending)
        {
            PartitionProtocol.ListOffsetsResult result;
            try
            {
                result = await task.ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                slot.ErrorCode = (short)ErrorCode.RequestTimedOut;
                continue;
            }

            slot.ErrorCode = (short)result.Error;
            if (result.Error != ErrorCode.None)
            {
                continue;
            }

            if (version == 0)
            {
                if (result.Offset >= 0 && maxNumOffsets > 0)
                {
                    slot.OldStyleOffsets.Add(result.Offset);
                }
            }
            else
            {
                slot.Timestamp = result.Timestamp;
                slot.Offset = result.Offset;
                slot.LeaderEpoch = result.LeaderEpoch;
            }
        }

        return response;
    }
}
