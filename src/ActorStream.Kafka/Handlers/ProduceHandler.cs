using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Produce: appends each partition's batches through its leader actor. The records are copied out of
/// the request frame (which is reused once this handler completes) into a pooled
/// <see cref="RecordsBuffer"/>, because the actor keeps them (tail cache, journal write).
/// acks=0 still appends, but answers nothing.
/// </summary>
public sealed class ProduceHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.Produce;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var produce = (ProduceRequest)request;
        var timeout = TimeSpan.FromMilliseconds(Math.Max(0, produce.TimeoutMs));
        var response = new ProduceResponse();
        var pending = new List<(ProduceResponse.PartitionProduceResponse Slot, Task<PartitionProtocol.AppendResult> Append)>();
        foreach (var topicData in produce.TopicData)
        {
            var topicResponse = new ProduceResponse.TopicProduceResponse { Name = topicData.Name };
            response.Responses.Add(topicResponse);
            var resolved = await broker.ResolveTopicAsync(topicData.Name, autoCreate: true, cancellationToken).ConfigureAwait(false);
            foreach (var partitionData in topicData.PartitionData)
            {
                var slot = new ProduceResponse.PartitionProduceResponse { Index = partitionData.Index, BaseOffset = -1, LogAppendTimeMs = -1, LogStartOffset = -1 };
                topicResponse.PartitionResponses.Add(slot);
                if (resolved.Topic is not { } topic || resolved.Error != ErrorCode.None)
                {
                    slot.ErrorCode = (short)(resolved.Error == ErrorCode.None ? ErrorCode.UnknownTopicOrPartition : resolved.Error);
                    slot.ErrorMessage = resolved.ErrorMessage;
                    continue;
                }

                if ((uint)partitionData.Index >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                // The frame's memory is released when this handler completes: the actor gets its own
                // copy, in a pooled buffer it releases when the batches leave its cache.
                var append = partitionData.Records is { IsEmpty: false } memory
                    ? CopyToPooled(topic.Name, partitionData.Index, memory, produce.Acks, timeout)
                    : new PartitionProtocol.Append(topic.Name, partitionData.Index, ReadOnlyMemory<byte>.Empty, produce.Acks, timeout);
                pending.Add((slot, broker.AskPartitionAsync<PartitionProtocol.AppendResult>(topic, partitionData.Index, append, timeout, cancellationToken)));
            }
        }

        foreach (var (slot, append) in pending)
        {
            PartitionProtocol.AppendResult result;
            try
            {
                result = await append.ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                slot.ErrorCode = (short)ErrorCode.RequestTimedOut;
                continue;
            }

            slot.ErrorCode = (short)result.Error;
            slot.ErrorMessage = result.ErrorMessage;
            slot.BaseOffset = result.BaseOffset;
            slot.LogAppendTimeMs = result.LogAppendTimeMs;
            slot.LogStartOffset = result.LogStartOffset;
        }

        return produce.Acks == 0 ? null : response;
    }

    private static PartitionProtocol.Append CopyToPooled(string topic, int partition, ReadOnlyMemory<byte> records, short acks, TimeSpan timeout)
    {
        var buffer = RecordsBuffer.Rent(records.Length);
        records.Span.CopyTo(buffer.Memory.Span);
        return new PartitionProtocol.Append(topic, partition, buffer.Memory, acks, timeout) { Buffer = buffer };
    }
}
