using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Fetch (v4–12): reads each partition from its leader within the partition and request byte limits;
/// when less than min_bytes came back and max_wait_ms &gt; 0, long-polls the partitions
/// (WaitForData) and reads again once one has data or the wait ends. No incremental fetch sessions:
/// every request is a full one (session id 0). Stored batches go into the response by reference
/// (<see cref="RecordsSequence"/>), never re-encoded or concatenated.
/// </summary>
public sealed class FetchHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.Fetch;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var fetch = (FetchRequest)request;
        var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        var response = new FetchResponse { SessionId = 0, ErrorCode = (short)ErrorCode.None };
        var targets = new List<Target>();
        foreach (var topicRequest in fetch.Topics)
        {
            var topicResponse = new FetchResponse.FetchableTopicResponse { Topic = topicRequest.Topic, TopicId = topicRequest.TopicId };
            response.Responses.Add(topicResponse);
            snapshot.TryGet(topicRequest.Topic, out var topic);
            foreach (var partitionRequest in topicRequest.Partitions)
            {
                var slot = new FetchResponse.PartitionData
                {
                    PartitionIndex = partitionRequest.Partition,
                    HighWatermark = -1,
                    LastStableOffset = -1,
                    LogStartOffset = -1,
                    Records = ReadOnlyMemory<byte>.Empty,
                };
                topicResponse.Partitions.Add(slot);
                if (topic is null || (uint)partitionRequest.Partition >= (uint)topic.PartitionCount)
                {
                    slot.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                targets.Add(new Target(slot, topic, partitionRequest.Partition, partitionRequest.FetchOffset, Math.Max(0, partitionRequest.PartitionMaxBytes)));
            }
        }

        var total = await ReadAsync(targets, fetch.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (total < fetch.MinBytes && fetch.MaxWaitMs > 0 && targets.Count > 0)
        {
            var wait = TimeSpan.FromMilliseconds(fetch.MaxWaitMs);
            var waits = new List<Task<PartitionProtocol.DataAvailable>>(targets.Count);
            var offsets = new Dictionary<Task<PartitionProtocol.DataAvailable>, long>(targets.Count);
            foreach (var target in targets)
            {
                if (target.Slot.ErrorCode == (short)ErrorCode.None)
                {
                    // Wait for data beyond what this read already returned.
                    var offset = Math.Max(target.FetchOffset, target.Slot.HighWatermark);
                    var command = new PartitionProtocol.WaitForData(target.Topic.Name, target.Partition, offset, wait);
                    var task = broker.AskPartitionAsync<PartitionProtocol.DataAvailable>(target.Topic, target.Partition, command, wait, cancellationToken);
                    waits.Add(task);
                    offsets[task] = offset;
                }
            }

            if (waits.Count > 0)
            {
                // Until one partition has new data or every wait has ended (they share the deadline).
                while (waits.Count > 0)
                {
                    var done = await Task.WhenAny(waits).ConfigureAwait(false);
                    if (done.IsCompletedSuccessfully && done.Result.HighWatermark > offsets[done])
                    {
                        break;
                    }

                    waits.Remove(done);
                }

                await ReadAsync(targets, fetch.MaxBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>Reads every target into its slot; returns the bytes returned in all.</summary>
    private async Task<int> ReadAsync(List<Target> targets, int maxBytes, CancellationToken cancellationToken)
    {
        var reads = new Task<PartitionProtocol.FetchResult>[targets.Count];
        var requestMax = Math.Max(0, maxBytes);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var command = new PartitionProtocol.Fetch(target.Topic.Name, target.Partition, target.FetchOffset, Math.Min(target.MaxBytes, requestMax));
            reads[i] = broker.AskPartitionAsync<PartitionProtocol.FetchResult>(target.Topic, target.Partition, command, null, cancellationToken);
        }

        var total = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            var slot = targets[i].Slot;
            PartitionProtocol.FetchResult result;
            try
            {
                result = await reads[i].ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // The leader did not answer in time: the client retries this partition.
                slot.ErrorCode = (short)ErrorCode.UnknownServerError;
                ReleaseRecords(slot);
                continue;
            }

            slot.ErrorCode = (short)result.Error;
            slot.HighWatermark = result.HighWatermark;
            slot.LastStableOffset = result.LastStableOffset;
            slot.LogStartOffset = result.LogStartOffset;
            ReleaseRecords(slot);
            if (result.Error != ErrorCode.None || result.TotalBytes == 0)
            {
                result.Lease?.Dispose();
                continue;
            }

            // The request budget: the first non-empty partition is returned whole (KIP-74), later ones only if they fit.
            if (total > 0 && (long)total + result.TotalBytes > requestMax)
            {
                result.Lease?.Dispose();
                continue;
            }

            // The stored batches are referenced, not concatenated: the response writer passes them
            // to the socket's buffer as they are and releases the lease once they are written.
            slot.Records = RecordsSequence.Create(result.Batches, result.TotalBytes, result.Lease);
            total += result.TotalBytes;
        }

        return total;
    }

    /// <summary>Empties a slot, releasing the buffers its records of an earlier read still hold (a re-read after a long poll).</summary>
    private static void ReleaseRecords(FetchResponse.PartitionData slot)
    {
        if (slot.Records is { } records && RecordsSequence.TryGetSegments(records, out var sequence))
        {
            ((IDisposable)sequence!).Dispose();
        }

        slot.Records = ReadOnlyMemory<byte>.Empty;
    }

    private sealed record Target(FetchResponse.PartitionData Slot, TopicMetadata Topic, int Partition, long FetchOffset, int MaxBytes);
}
