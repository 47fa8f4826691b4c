using System.Buffers.Binary;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Tests.Support;

/// <summary>
/// A deliberately simple protocol client built on the codecs only (one request at a time), so the
/// specs check what the client under test wrote without trusting its own code.
/// </summary>
public sealed class RawKafkaClient : IDisposable
{
    private readonly TcpClient _client;
    private int _correlationId;

    private RawKafkaClient(TcpClient client) => _client = client;

    public static async Task<RawKafkaClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RawKafkaClient(client);
    }

    public async Task<TResponse> RequestAsync<TResponse>(ApiKey apiKey, short version, IKafkaMessage body)
        where TResponse : IKafkaResponse
    {
        var correlationId = Interlocked.Increment(ref _correlationId);
        using (var output = new PooledBufferWriter())
        {
            KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "raw-spec"), body);
            await _client.GetStream().WriteAsync(output.WrittenMemory);
        }

        var stream = _client.GetStream();
        var size = new byte[4];
        await stream.ReadExactlyAsync(size).AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        var response = KafkaFrame.ReadResponse(frame, apiKey, version, out var header);
        Assert.Equal(correlationId, header.CorrelationId);
        return (TResponse)response;
    }

    public async Task CreateTopicAsync(string topic, int partitions)
    {
        var request = new CreateTopicsRequest { timeoutMs = 10_000 };
        request.Topics.Add(new CreateTopicsRequest.CreatableTopic { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 });
        var response = await RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, 5, request);
        var result = Assert.Single(response.Topics);
        Assert.True(result.ErrorCode == 0, $"CreateTopics {topic}: error {result.ErrorCode} {result.ErrorMessage}");
    }

    /// <summary>Every record of a partition, decoded (gzip included), with the batches they came in.</summary>
    public async Task<PartitionLog> ReadAllAsync(string topic, int partition)
    {
        var log = new PartitionLog();
        var offset = 0L;
        while (true)
        {
            var request = new FetchRequest { MaxWaitMs = 0, MinBytes = 0, MaxBytes = 16 << 20 };
            request.Topics.Add(new FetchRequest.FetchTopic
            {
                Topic = topic,
                Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = 16 << 20 }],
            });
            var response = await RequestAsync<FetchResponse>(ApiKey.Fetch, 11, request);
            var data = Assert.Single(Assert.Single(response.Responses).Partitions);
            Assert.True(data.ErrorCode == 0, $"Fetch {topic}[{partition}]@{offset}: error {data.ErrorCode}");
            log.HighWatermark = data.HighWatermark;
            var records = data.Records ?? ReadOnlyMemory<byte>.Empty;
            var any = false;
            while (RecordBatch.TryReadNext(ref records, out var batch) == RecordBatchReadResult.Batch)
            {
                any = true;
                Assert.Equal(RecordBatchError.None, batch.Validate());
                log.Batches.Add(new StoredBatchInfo(batch.BaseOffset, batch.RecordCount, batch.Compression, batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence, batch.SizeInBytes));
                var recordsData = batch.Compression == CompressionCodec.None ? batch.RecordsData.ToArray() : batch.DecompressRecordsData();
                foreach (var record in new RecordReader(recordsData, batch.RecordCount))
                {
                    var headers = new List<(string Key, byte[]? Value)>();
                    foreach (var header in record.Headers)
                    {
                        headers.Add((System.Text.Encoding.UTF8.GetString(header.Key), header.IsValueNull ? null : header.Value.ToArray()));
                    }

                    log.Records.Add(new StoredRecord(
                        batch.BaseOffset + record.OffsetDelta,
                        batch.BaseTimestamp + record.TimestampDelta,
                        record.IsKeyNull ? null : record.Key.ToArray(),
                        record.IsValueNull ? null : record.Value.ToArray(),
                        headers));
                }

                offset = batch.NextOffset;
            }

            if (!any || offset >= data.HighWatermark)
            {
                return log;
            }
        }
    }

    public void Dispose() => _client.Dispose();
}

public sealed class PartitionLog
{
    public long HighWatermark { get; set; }

    public List<StoredBatchInfo> Batches { get; } = [];

    public List<StoredRecord> Records { get; } = [];
}

public sealed record StoredBatchInfo(long BaseOffset, int RecordCount, CompressionCodec Compression, long ProducerId, short ProducerEpoch, int BaseSequence, int SizeInBytes);

public sealed record StoredRecord(long Offset, long Timestamp, byte[]? Key, byte[]? Value, List<(string Key, byte[]? Value)> Headers)
{
    public string? ValueString => Value is null ? null : System.Text.Encoding.UTF8.GetString(Value);

    public string? KeyString => Key is null ? null : System.Text.Encoding.UTF8.GetString(Key);
}
