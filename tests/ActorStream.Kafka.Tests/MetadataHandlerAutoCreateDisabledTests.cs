using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests;

/// <summary>Metadata and Produce on a broker with auto.create.topics.enable = false.</summary>
public sealed class MetadataHandlerAutoCreateDisabledTests : BrokerNodeTestBase
{
    protected override BrokerSettings Settings =>
        BrokerSettings.FromConfig(ConfigurationFactory.ParseString("actorstream.broker { \"auto.create.topics.enable\" = false }"));

    [Fact]
    public async Task HandleAsync_BrokerDisallowsAutoCreate_AnswersUnknownTopic()
    {
        var response = await MetadataAsync(12, "orders");

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, Assert.Single(response.Topics).ErrorCode);
        var produced = await ProduceAsync("orders", 0, Batch("a", 1));
        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, produced!.ErrorCode);
    }
}
