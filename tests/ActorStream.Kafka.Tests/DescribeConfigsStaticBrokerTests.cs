using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>DescribeConfigs on a node whose configuration sets broker keys: those are STATIC_BROKER_CONFIG.</summary>
public sealed class DescribeConfigsStaticBrokerTests : BrokerNodeTestBase
{
    protected override BrokerSettings Settings { get; } = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""
        actorstream.broker { "num.partitions" = 4, "message.max.bytes" = 2048 }
        """));

    private async Task<DescribeConfigsResponse.DescribeConfigsResult> DescribeAsync(ConfigResourceType type, string name, List<string> keys)
    {
        var request = new DescribeConfigsRequest { IncludeSynonyms = true };
        request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)type, ResourceName = name, ConfigurationKeys = keys });
        var response = await RequestAsync<DescribeConfigsResponse>(ApiKey.DescribeConfigs, 4, request);
        return Assert.Single(response.Results);
    }

    [Fact]
    public async Task HandleAsync_TopicWithBrokerSynonymSet_ReportsStaticBrokerConfig()
    {
        await DescribeConfigsHandlerTests.CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, "static", 1);

        var result = await DescribeAsync(ConfigResourceType.Topic, "static", ["max.message.bytes"]);

        var config = Assert.Single(result.Configs);
        Assert.Equal("2048", config.Value);
        Assert.Equal((sbyte)ConfigSource.StaticBrokerConfig, config.ConfigSource);
        Assert.Equal(
            [("message.max.bytes", "2048", (sbyte)ConfigSource.StaticBrokerConfig), ("message.max.bytes", "1048588", (sbyte)ConfigSource.DefaultConfig)],
            config.Synonyms.Select(s => (s.Name, s.Value, s.Source)).ToArray());
    }

    [Fact]
    public async Task HandleAsync_BrokerKeySetByTheNode_ReportsStaticBrokerConfig()
    {
        var result = await DescribeAsync(ConfigResourceType.Broker, "3", ["num.partitions", "delete.topic.enable"]);

        var byName = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal("4", byName["num.partitions"].Value);
        Assert.Equal((sbyte)ConfigSource.StaticBrokerConfig, byName["num.partitions"].ConfigSource);
        Assert.Equal(2, byName["num.partitions"].Synonyms.Count);
        Assert.Equal((sbyte)ConfigSource.DefaultConfig, byName["delete.topic.enable"].ConfigSource);
    }
}
