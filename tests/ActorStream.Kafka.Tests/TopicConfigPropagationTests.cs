using ActorStream.Broker.Partitions;
using ActorStream.Broker.Topics;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>Config changes reach running partition leaders: retention (checked every 50 ms here) applies without a restart.</summary>
public sealed class TopicConfigPropagationTests : BrokerNodeTestBase
{
    protected override PartitionConfig? PartitionDefaults { get; } = PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.FromMilliseconds(50) };

    private async Task<PartitionProtocol.PartitionState> StateAsync(string name, int partition)
    {
        Assert.True(Broker.Topics.Current.TryGet(name, out var topic));
        return await Broker.AskPartitionAsync<PartitionProtocol.PartitionState>(topic, partition, new PartitionProtocol.GetPartitionState(name, partition), null, default);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_RetentionMsLowered_RunningPartitionDeletesOldBatches()
    {
        await DescribeConfigsHandlerTests.CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, "aging", 1, ("retention.ms", "-1"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((short)ErrorCode.None, (await ProduceAsync("aging", 0, Batch("old" + i, 2)))!.ErrorCode);
        }

        Assert.Equal(0, (await StateAsync("aging", 0)).LogStartOffset);

        var request = new IncrementalAlterConfigsRequest();
        request.Resources.Add(new IncrementalAlterConfigsRequest.AlterConfigsResource
        {
            ResourceType = (sbyte)ConfigResourceType.Topic,
            ResourceName = "aging",
            Configs = [new IncrementalAlterConfigsRequest.AlterableConfig { Name = "retention.ms", ConfigOperation = (sbyte)AlterConfigOp.Set, Value = "60000" }],
        });
        var response = await RequestAsync<IncrementalAlterConfigsResponse>(ApiKey.IncrementalAlterConfigs, 1, request);
        Assert.Equal((short)ErrorCode.None, Assert.Single(response.Responses).ErrorCode);

        var state = await Conditions.UntilAsync(() => StateAsync("aging", 0), s => s.LogStartOffset == 6, "retention to delete the 2023 batches");
        Assert.Equal(6, state.HighWatermark);
    }
}
