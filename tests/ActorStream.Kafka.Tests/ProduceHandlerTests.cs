using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests;

public sealed class ProduceHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public async Task HandleAsync_TwoBatches_GetConsecutiveBaseOffsets(short version)
    {
        var first = await ProduceAsync("events", 0, Batch("a", 1), version: version);
        var second = await ProduceAsync("events", 0, Batch("b", 2), version: version);
        var third = await ProduceAsync("events", 0, Batch("c", 1), version: version);

        Assert.Equal((short)ErrorCode.None, first!.ErrorCode);
        Assert.Equal(0, first.BaseOffset);
        Assert.Equal((short)ErrorCode.None, second!.ErrorCode);
        Assert.Equal(1, second.BaseOffset);
        Assert.Equal(3, third!.BaseOffset);
        Assert.Equal(-1, third.LogAppendTimeMs);
    }

    [Fact]
    public async Task HandleAsync_PartitionOutOfRange_AnswersUnknownTopicOrPartition()
    {
        await MetadataAsync(12, "events");
        var response = await ProduceAsync("events", 5, Batch("a", 1));

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, response!.ErrorCode);
        Assert.Equal(-1, response.BaseOffset);
    }

    [Fact]
    public async Task HandleAsync_AcksZero_SendsNoResponseButAppends()
    {
        await ProduceAsync("silent", 0, Batch("quiet", 2), acks: 0);

        // The next response on the connection belongs to the next request: the produce got none. acks=0
        // is answered before the append is durable, so long-poll until the batch is visible.
        var fetched = await FetchAsync("silent", 0, 0, maxWaitMs: 10_000, minBytes: 1);
        Assert.Equal(2, fetched.HighWatermark);
        var batch = Assert.Single(Batches(fetched.Records));
        Assert.Equal(0, batch.BaseOffset);
        Assert.Equal(2, batch.RecordCount);
    }

    [Fact]
    public async Task HandleAsync_InvalidTopicName_AnswersInvalidTopic()
    {
        var response = await ProduceAsync("bad name!", 0, Batch("a", 1));

        Assert.Equal((short)ErrorCode.InvalidTopicException, response!.ErrorCode);
    }
}
