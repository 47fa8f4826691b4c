using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class CreateTopicsHandlerTests : BrokerNodeTestBase
{
    private async Task<CreateTopicsResponse.CreatableTopicResult> CreateAsync(string name, int partitions, short version = 7, bool validateOnly = false)
    {
        var request = new CreateTopicsRequest { timeoutMs = 5000, validateOnly = validateOnly };
        request.Topics.Add(new CreateTopicsRequest.CreatableTopic
        {
            Name = name,
            NumPartitions = partitions,
            ReplicationFactor = -1,
            Configs = [new CreateTopicsRequest.CreateableTopicConfig { Name = "retention.ms", Value = "60000" }],
        });
        var response = await RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, version, request);
        return Assert.Single(response.Topics);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task HandleAsync_NewTopic_CreatesItWithItsPartitions(short version)
    {
        var result = await CreateAsync("created", 3, version);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.True(Broker.Topics.Current.TryGet("created", out var topic));
        Assert.Equal(3, topic.PartitionCount);
        Assert.Equal("60000", topic.GetConfig("retention.ms"));
        if (version >= 5)
        {
            Assert.Equal(3, result.NumPartitions);
            Assert.Contains(result.Configs!, c => c.Name == "retention.ms" && c.Value == "60000");
        }

        if (version >= 7)
        {
            Assert.Equal(topic.TopicId, result.TopicId);
        }

        var metadata = await MetadataAsync(12, "created");
        Assert.Equal(3, Assert.Single(metadata.Topics).Partitions.Count);
    }

    [Fact]
    public async Task HandleAsync_Existing_AnswersTopicAlreadyExistsWithMessage()
    {
        await CreateAsync("twice", 1);
        var again = await CreateAsync("twice", 1);

        Assert.Equal((short)ErrorCode.TopicAlreadyExists, again.ErrorCode);
        Assert.False(string.IsNullOrEmpty(again.ErrorMessage));
    }

    [Fact]
    public async Task HandleAsync_ValidateOnly_CreatesNothing()
    {
        var result = await CreateAsync("dry", 2, validateOnly: true);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.False(Broker.Topics.Current.TryGet("dry", out _));
    }
}
