using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class DeleteTopicsHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task HandleAsync_ByName_DeletesTheTopic(short version)
    {
        await MetadataAsync(12, "doomed");
        var response = await RequestAsync<DeleteTopicsResponse>(ApiKey.DeleteTopics, version, new DeleteTopicsRequest { TopicNames = ["doomed"], TimeoutMs = 5000 });

        var result = Assert.Single(response.Responses);
        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal("doomed", result.Name);
        Assert.False(Broker.Topics.Current.TryGet("doomed", out _));
    }

    [Fact]
    public async Task HandleAsync_ByIdAtV6_DeletesTheTopic()
    {
        await MetadataAsync(12, "doomed");
        Assert.True(Broker.Topics.Current.TryGet("doomed", out var topic));
        var request = new DeleteTopicsRequest { Topics = [new DeleteTopicsRequest.DeleteTopicState { Name = null, TopicId = topic.TopicId }], TimeoutMs = 5000 };
        var response = await RequestAsync<DeleteTopicsResponse>(ApiKey.DeleteTopics, 6, request);

        var result = Assert.Single(response.Responses);
        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal("doomed", result.Name);
        Assert.False(Broker.Topics.Current.TryGet("doomed", out _));
    }

    [Fact]
    public async Task HandleAsync_Unknown_AnswersUnknownTopicOrPartition()
    {
        var response = await RequestAsync<DeleteTopicsResponse>(ApiKey.DeleteTopics, 4, new DeleteTopicsRequest { TopicNames = ["ghost"], TimeoutMs = 5000 });

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, Assert.Single(response.Responses).ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_DeletedThenRecreated_StartsAnEmptyLog()
    {
        var produced = await ProduceAsync("reborn", 0, Batch("old", 3));
        Assert.Equal((short)ErrorCode.None, produced!.ErrorCode);
        var deleted = await RequestAsync<DeleteTopicsResponse>(ApiKey.DeleteTopics, 4, new DeleteTopicsRequest { TopicNames = ["reborn"], TimeoutMs = 5000 });
        Assert.Equal((short)ErrorCode.None, Assert.Single(deleted.Responses).ErrorCode);

        var again = await ProduceAsync("reborn", 0, Batch("new", 1));

        Assert.Equal(0, again!.BaseOffset);
        var fetched = await FetchAsync("reborn", 0, 0);
        Assert.Equal(1, fetched.HighWatermark);
        Assert.Equal(1, Assert.Single(Batches(fetched.Records)).RecordCount);
    }
}
