using System.Text;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Kafka.Tests.Fuzz;

namespace ActorStream.Kafka.Tests;

/// <content>Corrupt batches in decodable Produce requests, and the audit of everything the node stored.</content>
public sealed partial class KafkaRequestDispatcherFuzzTests
{
    private const string CorruptTopic = "fuzz-corrupt";
    private const int CorruptBatchRounds = TargetFrames / 50;

    /// <summary>
    /// On its own connection, one request at a time, while the fuzz runs (one request per 50 fuzz frames) and
    /// at least <see cref="CorruptBatchRounds"/> times: valid batches and every kind of corrupt batch to
    /// <see cref="CorruptTopic"/>. Valid ones get consecutive offsets; corrupt ones get CORRUPT_MESSAGE (CRC,
    /// lengths, truncation, trailing bytes) or INVALID_RECORD (magic, header fields a client may not send) and
    /// no offset. Returns the values of the valid records in the order they were stored.
    /// </summary>
    private async Task<List<string>> RunCorruptBatchesAsync(int seed, FuzzTotals totals)
    {
        var random = new Random(seed);
        var sampler = new RequestSampler(random);
        var mutator = new FrameMutator(random);
        using var connection = await KafkaTestConnection.OpenAsync(Listener.EndPoint, "corrupt-batches");
        var stored = new List<string>();
        long next = 0;
        for (var i = 0; i < CorruptBatchRounds; i++)
        {
            while (totals.Frames < i * 50L && totals.Frames < TargetFrames)
            {
                await Task.Delay(5);
            }

            var valid = random.Next(4) == 0;
            var batch = sampler.ValidBatch("valid-" + i);
            var corruption = (BatchCorruption)random.Next(6);
            var records = valid ? batch : mutator.Corrupt(batch, corruption);
            var request = new ProduceRequest { Acks = -1, TimeoutMs = 5000 };
            request.TopicData.Add(new ProduceRequest.TopicProduceData
            {
                Name = CorruptTopic,
                PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = records }],
            });
            var response = await connection.RequestAsync<ProduceResponse>(ApiKey.Produce, (short)random.Next(3, 10), request);
            var partition = Assert.Single(Assert.Single(response.Responses).PartitionResponses);
            var error = (ErrorCode)partition.ErrorCode;
            if (valid)
            {
                Assert.True(error == ErrorCode.None, $"valid batch {i}: {error} {partition.ErrorMessage}");
                if (partition.BaseOffset != next)
                {
                    totals.Fail($"valid batch {i} got offset {partition.BaseOffset}, expected {next}: a corrupt batch before it took offsets");
                }

                next = partition.BaseOffset + RecordBatch.Create(batch).RecordCount;
                foreach (var record in RecordBatch.Create(batch).GetRecords())
                {
                    stored.Add(Encoding.ASCII.GetString(record.Value));
                }

                continue;
            }

            totals.Count($"corrupt batch {corruption} answered {error}");
            ErrorCode[] expected = corruption switch
            {
                BatchCorruption.Crc or BatchCorruption.Length or BatchCorruption.Truncated or BatchCorruption.TrailingBytes => [ErrorCode.CorruptMessage],
                _ => [ErrorCode.InvalidRecord, ErrorCode.CorruptMessage],
            };
            if (Array.IndexOf(expected, error) < 0 || partition.BaseOffset != -1)
            {
                totals.Fail($"corrupt batch {i} ({corruption}): answered {error} at offset {partition.BaseOffset}, expected one of {string.Join(", ", expected)} and no offset");
            }
        }

        return stored;
    }

    /// <summary>
    /// Reads every partition of every topic the node knows from its log start to its high watermark: each served
    /// batch must be a whole magic-2 batch with a matching CRC whose offset range is its record count (as a
    /// client must send it), and batches must follow each other without overlap.
    /// </summary>
    private static async Task<(int Topics, int Batches)> AuditStoredBatchesAsync(KafkaTestConnection connection)
    {
        var metadata = await connection.RequestAsync<MetadataResponse>(ApiKey.Metadata, 12, new MetadataRequest { Topics = null });
        var batches = 0;
        foreach (var topic in metadata.Topics)
        {
            Assert.Equal((short)ErrorCode.None, topic.ErrorCode);
            foreach (var partition in topic.Partitions)
            {
                var offset = await EarliestOffsetAsync(connection, topic.Name!, partition.PartitionIndex);
                while (true)
                {
                    var fetch = new FetchRequest { MaxWaitMs = 0, MinBytes = 0, MaxBytes = 4 << 20 };
                    fetch.Topics.Add(new FetchRequest.FetchTopic
                    {
                        Topic = topic.Name!,
                        Partitions = [new FetchRequest.FetchPartition { Partition = partition.PartitionIndex, FetchOffset = offset, PartitionMaxBytes = 4 << 20 }],
                    });
                    var data = Assert.Single(Assert.Single((await connection.RequestAsync<FetchResponse>(ApiKey.Fetch, 12, fetch)).Responses).Partitions);
                    Assert.True(data.ErrorCode == (short)ErrorCode.None, $"{topic.Name}-{partition.PartitionIndex} at {offset}: {(ErrorCode)data.ErrorCode}");
                    if (offset >= data.HighWatermark)
                    {
                        break;
                    }

                    var remaining = data.Records ?? ReadOnlyMemory<byte>.Empty;
                    Assert.False(remaining.IsEmpty, $"{topic.Name}-{partition.PartitionIndex}: nothing served at {offset} below the high watermark {data.HighWatermark}");
                    while (RecordBatch.TryReadNext(ref remaining, out var batch) is var read && read != RecordBatchReadResult.End)
                    {
                        var where = $"{topic.Name}-{partition.PartitionIndex}@{batch.BaseOffset}";
                        Assert.True(read == RecordBatchReadResult.Batch, $"{topic.Name}-{partition.PartitionIndex}: bytes at {offset} are {read}");
                        Assert.True(batch.Validate() == RecordBatchError.None, $"{where}: stored batch fails validation: {batch.Validate()}");
                        Assert.True(batch.LastOffsetDelta == batch.RecordCount - 1, $"{where}: stored batch claims offsets 0..{batch.LastOffsetDelta} for {batch.RecordCount} records");
                        Assert.False(batch.IsControl, $"{where}: a client's control batch was stored");
                        Assert.True(batch.BaseOffset >= offset || batch.NextOffset > offset, $"{where}: served behind the fetch offset {offset}");
                        offset = batch.NextOffset;
                        batches++;
                    }
                }
            }
        }

        return (metadata.Topics.Count, batches);
    }

    private static async Task<long> EarliestOffsetAsync(KafkaTestConnection connection, string topic, int partition)
    {
        var request = new ListOffsetsRequest { ReplicaId = -1 };
        request.Topics.Add(new ListOffsetsRequest.ListOffsetsTopic
        {
            Name = topic,
            Partitions = [new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = partition, Timestamp = -2 }],
        });
        var response = await connection.RequestAsync<ListOffsetsResponse>(ApiKey.ListOffsets, 7, request);
        var answer = Assert.Single(Assert.Single(response.Topics).Partitions);
        Assert.Equal((short)ErrorCode.None, answer.ErrorCode);
        return answer.Offset;
    }
}
