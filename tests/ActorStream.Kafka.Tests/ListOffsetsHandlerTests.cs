using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Tests;

public sealed class ListOffsetsHandlerTests : BrokerNodeTestBase
{
    private async Task<ListOffsetsResponse.ListOffsetsPartitionResponse> ListAsync(string topic, long timestamp, short version)
    {
        var request = new ListOffsetsRequest { ReplicaId = -1 };
        request.Topics.Add(new ListOffsetsRequest.ListOffsetsTopic
        {
            Name = topic,
            Partitions = [new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = 0, Timestamp = timestamp, MaxNumOffsets = 1 }],
        });
        var response = await RequestAsync<ListOffsetsResponse>(ApiKey.ListOffsets, version, request);
        return Assert.Single(Assert.Single(response.Topics).Partitions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task HandleAsync_EarliestAndLatest_AnswerLogStartAndHighWatermark(short version)
    {
        await ProduceAsync("offsets", 0, Batch("a", 2));
        await ProduceAsync("offsets", 0, Batch("b", 3));

        var earliest = await ListAsync("offsets", -2, version);
        var latest = await ListAsync("offsets", -1, version);

        Assert.Equal((short)ErrorCode.None, earliest.ErrorCode);
        Assert.Equal(0, earliest.Offset);
        Assert.Equal(5, latest.Offset);
    }

    [Fact]
    public async Task HandleAsync_V0_AnswersOldStyleOffsets()
    {
        await ProduceAsync("offsets", 0, Batch("a", 4));

        var latest = await ListAsync("offsets", -1, 0);

        Assert.Equal([4L], latest.OldStyleOffsets);
    }

    [Fact]
    public async Task HandleAsync_ByTimestamp_AnswersTheFirstMatchingRecord()
    {
        await ProduceAsync("offsets", 0, Batch("a", 2, timestamp: 1000));
        await ProduceAsync("offsets", 0, Batch("b", 2, timestamp: 5000));

        var found = await ListAsync("offsets", 4000, 7);

        Assert.Equal(2, found.Offset);
        Assert.Equal(5000, found.Timestamp);
    }

    [Theory]
    [InlineData(1, CompressionCodec.None)]
    [InlineData(4, CompressionCodec.None)]
    [InlineData(7, CompressionCodec.None)]
    [InlineData(7, CompressionCodec.Gzip)]
    public async Task HandleAsync_ByTimestampInsideOneBatch_AnswersRecordOffsetAndTimestamp(short version, CompressionCodec codec)
    {
        const long t0 = 1_700_000_000_000;
        await ProduceAsync("offsets", 0, Stamped(codec, t0, t0 + 1000, t0 + 2000));

        var before = await ListAsync("offsets", t0 - 5000, version);
        var inside = await ListAsync("offsets", t0 + 500, version);
        var last = await ListAsync("offsets", t0 + 2000, version);
        var after = await ListAsync("offsets", t0 + 2001, version);

        Assert.Equal((0L, t0), (before.Offset, before.Timestamp));
        Assert.Equal((1L, t0 + 1000), (inside.Offset, inside.Timestamp));
        Assert.Equal((2L, t0 + 2000), (last.Offset, last.Timestamp));
        Assert.Equal((-1L, -1L), (after.Offset, after.Timestamp));
        Assert.Equal((short)ErrorCode.None, inside.ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_MaxTimestampV7_AnswersTheRecordHoldingTheLargestTimestamp()
    {
        const long t0 = 1_700_000_000_000;
        await ProduceAsync("offsets", 0, Stamped(CompressionCodec.None, t0, t0 + 3000, t0 + 1000));
        await ProduceAsync("offsets", 0, Stamped(CompressionCodec.None, t0 + 2000));

        var max = await ListAsync("offsets", -3, 7);

        Assert.Equal((short)ErrorCode.None, max.ErrorCode);
        Assert.Equal((1L, t0 + 3000), (max.Offset, max.Timestamp));
    }

    private static byte[] Stamped(CompressionCodec codec, params long[] timestamps)
    {
        using var builder = new RecordBatchBuilder(codec);
        foreach (var timestamp in timestamps)
        {
            builder.Append(timestamp, null, new byte[] { 1 });
        }

        return builder.Build();
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var result = await ListAsync("nowhere", -1, 7);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }
}
