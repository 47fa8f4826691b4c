using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class MetadataHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(12)]
    public async Task HandleAsync_UnknownTopicWithAutoCreate_CreatesAndListsIt(short version)
    {
        var response = await MetadataAsync(version, "orders");

        var broker = Assert.Single(response.Brokers);
        Assert.Equal(NodeId, broker.NodeId);
        Assert.Equal(Listener.AdvertisedPort, broker.Port);
        Assert.Equal(Listener.AdvertisedHost, broker.Host);
        if (version >= 2)
        {
            Assert.Equal("spec-cluster", response.ClusterId);
        }

        Assert.Equal(NodeId, response.ControllerId);
        var topic = Assert.Single(response.Topics);
        Assert.Equal((short)ErrorCode.None, topic.ErrorCode);
        Assert.Equal("orders", topic.Name);
        var partition = Assert.Single(topic.Partitions);
        Assert.Equal(NodeId, partition.LeaderId);
        Assert.Equal([NodeId], partition.ReplicaNodes);
        Assert.Equal([NodeId], partition.IsrNodes);
        if (version >= 10)
        {
            Assert.True(Broker.Topics.Current.TryGet("orders", out var created));
            Assert.Equal(created.TopicId, topic.TopicId);
        }

        // All topics (null list) now include it.
        var all = await RequestAsync<MetadataResponse>(ApiKey.Metadata, version, new MetadataRequest { Topics = null });
        Assert.Equal("orders", Assert.Single(all.Topics).Name);
    }

    [Fact]
    public async Task HandleAsync_AutoCreateNotAllowedByRequest_AnswersUnknownTopic()
    {
        var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "missing" }], AllowAutoTopicCreation = false };
        var response = await RequestAsync<MetadataResponse>(ApiKey.Metadata, 12, request);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, Assert.Single(response.Topics).ErrorCode);
        Assert.False(Broker.Topics.Current.TryGet("missing", out _));
    }

    [Fact]
    public async Task HandleAsync_InvalidName_AnswersInvalidTopic()
    {
        var response = await MetadataAsync(12, "bad name!");

        Assert.Equal((short)ErrorCode.InvalidTopicException, Assert.Single(response.Topics).ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_EmptyListAtV1_ListsNoTopics()
    {
        await MetadataAsync(12, "orders");
        var response = await RequestAsync<MetadataResponse>(ApiKey.Metadata, 1, new MetadataRequest { Topics = [] });

        Assert.Empty(response.Topics);
        Assert.Single(response.Brokers);
    }
}
