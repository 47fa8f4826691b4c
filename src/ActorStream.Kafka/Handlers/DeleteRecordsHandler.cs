using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// DeleteRecords (v0–2): moves each partition's log start offset to the requested offset (-1 = the high
/// watermark) through its leader, which deletes the whole batches below it; the answer carries the new low
/// watermark. An offset beyond the high watermark (or negative other than -1) is OFFSET_OUT_OF_RANGE, an
/// unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION. Partitions are handled concurrently.
/// </summary>
public sealed class DeleteRecordsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.DeleteRecords;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var delete = (DeleteRecordsRequest)request;
        var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        var response = new DeleteRecordsResponse();
        var pending = new List<(DeleteRecordsResponse.DeleteRecordsPartitionResult Slot, Task<PartitionProtocol.DeleteRecordsResult> Result)>();
        foreach (var topicRequest in delete.Topics)
        {
            var topicResult = new DeleteRecordsResponse.DeleteRecordsTopicResult { Name = topicRequest.Name };
            response.Topics.Add(topicResult);
            snapshot.TryGet(topicRequest.Name, out var topic);
            foreach (var partitionRequest in topicRequest.Partitions)
            {
                var slot = new DeleteRecordsResponse.DeleteRecordsPartitionResult { PartitionIndex = partitionRequest.PartitionIndex, LowWatermark = -1 };
                topicResult.Partitions.Add(slot);
                if (topic is null || (uint)partitionRequest.PartitionIndex >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var command = new PartitionProtocol.DeleteRecords(topic.Name, partitionRequest.PartitionIndex, partitionRequest.Offset);
                pending.Add((slot, broker.AskPartitionAsync<PartitionProtocol.DeleteRecordsResult>(topic, partitionRequest.PartitionIndex, command, null, cancellationToken)));
            }
        }

        foreach (var (slot, task) in pending)
        {
            try
            {
                var result = await task.ConfigureAwait(false);
                slot.ErrorCode = (short)result.Error;
                slot.LowWatermark = result.Error == ErrorCode.None ? result.LowWatermark : -1;
            }
            catch (AskTimeoutException)
            {
                slot.ErrorCode = (short)ErrorCode.RequestTimedOut;
            }
        }

        return response;
    }
}
