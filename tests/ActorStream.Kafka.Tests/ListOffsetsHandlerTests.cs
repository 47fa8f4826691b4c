using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

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
    public async Task HandleAsync_ByTimestamp_AnswersTheMatchingBatch()
    {
        await ProduceAsync("offsets", 0, Batch("a", 2, timestamp: 1000));
        await ProduceAsync("offsets", 0, Batch("b", 2, timestamp: 5000));

        var found = await ListAsync("offsets", 4000, 7);

        Assert.Equal(2, found.Offset);
        Assert.Equal(5001, found.Timestamp);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var result = await ListAsync("nowhere", -1, 7);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }
}
