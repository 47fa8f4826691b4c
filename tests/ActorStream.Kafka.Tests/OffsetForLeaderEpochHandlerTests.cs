using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class OffsetForLeaderEpochHandlerTests : BrokerNodeTestBase
{
    private async Task<OffsetForLeaderEpochResponse.EpochEndOffset> AskAsync(string topic, int partition, int leaderEpoch, int currentLeaderEpoch = -1, short version = 4)
    {
        var request = new OffsetForLeaderEpochRequest { ReplicaId = -1 };
        request.Topics.Add(new OffsetForLeaderEpochRequest.OffsetForLeaderTopic
        {
            Topic = topic,
            Partitions = [new OffsetForLeaderEpochRequest.OffsetForLeaderPartition { Partition = partition, LeaderEpoch = leaderEpoch, CurrentLeaderEpoch = currentLeaderEpoch }],
        });
        var response = await RequestAsync<OffsetForLeaderEpochResponse>(ApiKey.OffsetForLeaderEpoch, version, request);
        var topicResult = Assert.Single(response.Topics);
        Assert.Equal(topic, topicResult.Topic);
        var result = Assert.Single(topicResult.Partitions);
        Assert.Equal(partition, result.Partition);
        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task HandleAsync_CurrentEpoch_EndsAtTheLogEndOffset(short version)
    {
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("epochs", 0, Batch("a", 3)))!.ErrorCode);
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("epochs", 0, Batch("b", 2)))!.ErrorCode);

        var result = await AskAsync("epochs", 0, 0, version: version);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(0, result.LeaderEpoch);
        Assert.Equal(5, result.EndOffset);
    }

    [Fact]
    public async Task HandleAsync_V0_AnswersTheEndOffsetOnly()
    {
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("legacy", 0, Batch("a", 4)))!.ErrorCode);

        var result = await AskAsync("legacy", 0, 0, version: 0);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(4, result.EndOffset);
        Assert.Equal(-1, result.LeaderEpoch);
    }

    [Fact]
    public async Task HandleAsync_EmptyLog_CurrentEpochEndsAtZero()
    {
        await MetadataAsync(12, "empty");

        var result = await AskAsync("empty", 0, 0);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(0, result.LeaderEpoch);
        Assert.Equal(0, result.EndOffset);
    }

    [Fact]
    public async Task HandleAsync_EpochAfterTheLatest_Undefined()
    {
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("future", 0, Batch("a", 2)))!.ErrorCode);

        var result = await AskAsync("future", 0, 3);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(-1, result.LeaderEpoch);
        Assert.Equal(-1, result.EndOffset);
    }

    [Theory]
    [InlineData(2, ErrorCode.UnknownLeaderEpoch)]
    [InlineData(0, ErrorCode.None)]
    public async Task HandleAsync_CurrentLeaderEpochChecked_FromV2(int current, ErrorCode expected)
    {
        await MetadataAsync(12, "fenced");

        var checkedResult = await AskAsync("fenced", 0, 0, currentLeaderEpoch: current, version: 2);
        var uncheckedResult = await AskAsync("fenced", 0, 0, currentLeaderEpoch: current, version: 1);

        Assert.Equal((short)expected, checkedResult.ErrorCode);
        Assert.Equal((short)ErrorCode.None, uncheckedResult.ErrorCode);
    }

    [Theory]
    [InlineData("ghost", 0)]
    [InlineData("known", 3)]
    public async Task HandleAsync_UnknownTopicOrPartition_UnknownTopicOrPartition(string topic, int partition)
    {
        await MetadataAsync(12, "known");

        var result = await AskAsync(topic, partition, 0);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Equal(-1, result.EndOffset);
    }
}
