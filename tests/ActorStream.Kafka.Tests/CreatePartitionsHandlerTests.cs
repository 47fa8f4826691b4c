using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class CreatePartitionsHandlerTests : BrokerNodeTestBase
{
    private Task CreateAsync(string name, int partitions) =>
        DescribeConfigsHandlerTests.CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, name, partitions);

    private async Task<CreatePartitionsResponse.CreatePartitionsTopicResult> GrowAsync(string name, int count, bool validateOnly = false, short version = 3, List<CreatePartitionsRequest.CreatePartitionsAssignment>? assignments = null)
    {
        var request = new CreatePartitionsRequest { TimeoutMs = 5000, ValidateOnly = validateOnly };
        request.Topics.Add(new CreatePartitionsRequest.CreatePartitionsTopic { Name = name, Count = count, Assignments = assignments });
        var response = await RequestAsync<CreatePartitionsResponse>(ApiKey.CreatePartitions, version, request);
        var result = Assert.Single(response.Results);
        Assert.Equal(name, result.Name);
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task HandleAsync_MorePartitions_AppearInMetadataAndServeProduce(short version)
    {
        await CreateAsync("growing", 2);
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("growing", 1, Batch("before", 1)))!.ErrorCode);

        var result = await GrowAsync("growing", 5, version: version);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Null(result.ErrorMessage);
        var metadata = await MetadataAsync(12, "growing");
        var topic = Assert.Single(metadata.Topics);
        Assert.Equal([0, 1, 2, 3, 4], topic.Partitions.Select(p => p.PartitionIndex).Order().ToArray());
        var produced = await ProduceAsync("growing", 4, Batch("new", 2));
        Assert.Equal((short)ErrorCode.None, produced!.ErrorCode);
        Assert.Equal(0, produced.BaseOffset);
        var old = await FetchAsync("growing", 1, 0);
        Assert.Equal(1, old.HighWatermark);
    }

    [Fact]
    public async Task HandleAsync_FewerPartitions_InvalidPartitionsWithKafkasMessage()
    {
        await CreateAsync("shrinking", 3);

        var result = await GrowAsync("shrinking", 2);

        Assert.Equal((short)ErrorCode.InvalidPartitions, result.ErrorCode);
        Assert.Equal("Topic currently has 3 partitions, which is higher than the requested 2.", result.ErrorMessage);
        Assert.True(Broker.Topics.Current.TryGet("shrinking", out var topic));
        Assert.Equal(3, topic.PartitionCount);
    }

    [Fact]
    public async Task HandleAsync_SameCount_InvalidPartitionsWithKafkasMessage()
    {
        await CreateAsync("steady", 3);

        var result = await GrowAsync("steady", 3);

        Assert.Equal((short)ErrorCode.InvalidPartitions, result.ErrorCode);
        Assert.Equal("Topic already has 3 partitions.", result.ErrorMessage);
    }

    [Fact]
    public async Task HandleAsync_ValidateOnly_ChangesNothing()
    {
        await CreateAsync("planned", 1);

        var result = await GrowAsync("planned", 4, validateOnly: true);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.True(Broker.Topics.Current.TryGet("planned", out var topic));
        Assert.Equal(1, topic.PartitionCount);
    }

    [Fact]
    public async Task HandleAsync_ManualAssignment_InvalidReplicaAssignment()
    {
        await CreateAsync("placed", 1);

        var result = await GrowAsync("placed", 2, assignments: [new CreatePartitionsRequest.CreatePartitionsAssignment { BrokerIds = [NodeId] }]);

        Assert.Equal((short)ErrorCode.InvalidReplicaAssignment, result.ErrorCode);
        Assert.True(Broker.Topics.Current.TryGet("placed", out var topic));
        Assert.Equal(1, topic.PartitionCount);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_UnknownTopicOrPartition()
    {
        var result = await GrowAsync("ghost", 2);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_TopicTwice_InvalidRequestForBoth()
    {
        await CreateAsync("doubled", 1);
        var request = new CreatePartitionsRequest { TimeoutMs = 5000 };
        request.Topics.Add(new CreatePartitionsRequest.CreatePartitionsTopic { Name = "doubled", Count = 2, Assignments = null });
        request.Topics.Add(new CreatePartitionsRequest.CreatePartitionsTopic { Name = "doubled", Count = 3, Assignments = null });

        var response = await RequestAsync<CreatePartitionsResponse>(ApiKey.CreatePartitions, 2, request);

        Assert.All(response.Results, r => Assert.Equal((short)ErrorCode.InvalidRequest, r.ErrorCode));
        Assert.True(Broker.Topics.Current.TryGet("doubled", out var topic));
        Assert.Equal(1, topic.PartitionCount);
    }
}
