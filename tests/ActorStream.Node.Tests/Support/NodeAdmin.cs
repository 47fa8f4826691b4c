using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Node.Tests.Support;

/// <summary>Topic creation and whole-partition reads over <see cref="KafkaWireClient"/>, checking every served batch.</summary>
internal static class NodeAdmin
{
    public static async Task CreateTopicAsync(KafkaWireClient client, string topic, int partitions)
    {
        var request = new CreateTopicsRequest { timeoutMs = 10_000 };
        request.Topics.Add(new CreateTopicsRequest.CreatableTopic { Name = topic, NumPartitions = partitions, ReplicationFactor = -1 });
        var response = await client.RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, 7, request);
        var created = Assert.Single(response.Topics);
        Assert.True(created.ErrorCode == (short)ErrorCode.None, $"CreateTopics {topic}: error {created.ErrorCode} {created.ErrorMessage}");
    }

    /// <summary>
    /// Reads <paramref name="topic"/>-<paramref name="partition"/> from offset 0 to its high watermark with Fetch v12.
    /// Every batch must be magic 2 with a matching CRC-32C and records that decode; records come back in offset order.
    /// </summary>
    public static async Task<(List<LogRecord> Records, long HighWatermark)> ReadPartitionAsync(KafkaWireClient client, string topic, int partition)
    {
        var records = new List<LogRecord>();
        long offset = 0;
        long highWatermark;
        while (true)
        {
            var request = new FetchRequest { MaxWaitMs = 0, MinBytes = 0, MaxBytes = 4 << 20 };
            request.Topics.Add(new FetchRequest.FetchTopic
            {
                Topic = topic,
                Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = 4 << 20 }],
            });
            var response = await client.RequestAsync<FetchResponse>(ApiKey.Fetch, 12, request);
            Assert.Equal((short)ErrorCode.None, response.ErrorCode);
            var data = Assert.Single(Assert.Single(response.Responses).Partitions);
            Assert.True(data.ErrorCode == (short)ErrorCode.None, $"Fetch {topic}-{partition} at {offset}: error {data.ErrorCode}");
            highWatermark = data.HighWatermark;
            if (offset >= highWatermark)
            {
                break;
            }

            var remaining = data.Records ?? ReadOnlyMemory<byte>.Empty;
            Assert.False(remaining.IsEmpty, $"Fetch {topic}-{partition} at {offset} below the high watermark {highWatermark} returned nothing");
            while (true)
            {
                var read = RecordBatch.TryReadNext(ref remaining, out var batch);
                if (read == RecordBatchReadResult.End)
                {
                    break;
                }

                Assert.True(read == RecordBatchReadResult.Batch, $"{topic}-{partition}: served bytes at {offset} are {read}, not a whole batch");
                var error = batch.Validate();
                Assert.True(error == RecordBatchError.None, $"{topic}-{partition}: served batch at {batch.BaseOffset} fails validation: {error}");
                Assert.True(batch.NextOffset > offset, $"{topic}-{partition}: served batch {batch.BaseOffset}..{batch.LastOffset} is behind the fetch offset {offset}");
                Decode(batch, offset, records);
                offset = batch.NextOffset;
            }
        }

        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].Offset > records[i - 1].Offset, $"{topic}-{partition}: offset {records[i].Offset} follows {records[i - 1].Offset}");
        }

        return (records, highWatermark);
    }

    private static void Decode(RecordBatch batch, long from, List<LogRecord> into)
    {
        foreach (var record in batch.GetRecords())
        {
            var offset = batch.BaseOffset + record.OffsetDelta;
            if (offset < from)
            {
                continue;
            }

            byte[]? seq = null;
            foreach (var header in record.Headers)
            {
                if (header.Key.SequenceEqual("seq"u8))
                {
                    seq = header.Value.ToArray();
                }
            }

            into.Add(new LogRecord(offset, record.Key.ToArray(), record.Value.ToArray(), seq, batch.BaseTimestamp + record.TimestampDelta));
        }
    }
}
