using ActorStream.Broker.Topics;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class DescribeConfigsHandlerTests : BrokerNodeTestBase
{
    internal static async Task CreateTopicAsync(BrokerNodeTestBase node, Func<ApiKey, short, IKafkaMessage, Task<CreateTopicsResponse>> request, string name, int partitions, params (string Key, string Value)[] configs)
    {
        var topic = new CreateTopicsRequest.CreatableTopic { Name = name, NumPartitions = partitions, ReplicationFactor = -1 };
        foreach (var (key, value) in configs)
        {
            topic.Configs.Add(new CreateTopicsRequest.CreateableTopicConfig { Name = key, Value = value });
        }

        var response = await request(ApiKey.CreateTopics, 5, new CreateTopicsRequest { Topics = [topic], timeoutMs = 5000 });
        Assert.Equal((short)ErrorCode.None, Assert.Single(response.Topics).ErrorCode);
    }

    private Task CreateAsync(string name, int partitions, params (string Key, string Value)[] configs) =>
        CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, name, partitions, configs);

    private async Task<DescribeConfigsResponse.DescribeConfigsResult> DescribeAsync(
        short version, ConfigResourceType type, string name, List<string>? keys = null, bool synonyms = false, bool documentation = false)
    {
        var request = new DescribeConfigsRequest { IncludeSynonyms = synonyms, IncludeDocumentation = documentation };
        request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)type, ResourceName = name, ConfigurationKeys = keys });
        var response = await RequestAsync<DescribeConfigsResponse>(ApiKey.DescribeConfigs, version, request);
        return Assert.Single(response.Results);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task HandleAsync_Topic_ListsEveryConfigWithItsSource(short version)
    {
        await CreateAsync("described", 1, ("retention.ms", "3600000"));

        var result = await DescribeAsync(version, ConfigResourceType.Topic, "described");

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal("described", result.ResourceName);
        Assert.Equal((sbyte)ConfigResourceType.Topic, result.ResourceType);
        var byName = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal(new TopicConfigDefinitions(BrokerSettings.Default).All.Count, byName.Count);
        Assert.Equal("3600000", byName["retention.ms"].Value);
        Assert.Equal((sbyte)ConfigSource.DynamicTopicConfig, byName["retention.ms"].ConfigSource);
        Assert.Equal("1048588", byName["max.message.bytes"].Value);
        Assert.Equal((sbyte)ConfigSource.DefaultConfig, byName["max.message.bytes"].ConfigSource);
        Assert.True(byName["remote.storage.enable"].ReadOnly);
        Assert.False(byName["retention.ms"].ReadOnly);
        Assert.All(result.Configs, c => Assert.False(c.IsSensitive));
        Assert.All(result.Configs, c => Assert.Empty(c.Synonyms));
    }

    [Fact]
    public async Task HandleAsync_TopicAtV0_ReportsIsDefault()
    {
        await CreateAsync("legacy", 1, ("cleanup.policy", "compact"));

        var result = await DescribeAsync(0, ConfigResourceType.Topic, "legacy", ["cleanup.policy", "segment.ms"]);

        var byName = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal(2, byName.Count);
        Assert.False(byName["cleanup.policy"].IsDefault);
        Assert.Equal("compact", byName["cleanup.policy"].Value);
        Assert.True(byName["segment.ms"].IsDefault);
    }

    [Fact]
    public async Task HandleAsync_WithSynonymsAndDocumentation_ReportsTypeDocAndSynonyms()
    {
        await CreateAsync("documented", 1, ("retention.ms", "1000"));

        var result = await DescribeAsync(4, ConfigResourceType.Topic, "documented", ["retention.ms", "cleanup.policy", "no.such.config"], synonyms: true, documentation: true);

        Assert.Equal(2, result.Configs.Count);
        var retention = result.Configs.Single(c => c.Name == "retention.ms");
        Assert.Equal((sbyte)TopicConfigType.Long, retention.ConfigType);
        Assert.False(string.IsNullOrEmpty(retention.Documentation));
        Assert.Equal(("retention.ms", "1000", (sbyte)ConfigSource.DynamicTopicConfig), (retention.Synonyms[0].Name, retention.Synonyms[0].Value, retention.Synonyms[0].Source));
        Assert.Contains(retention.Synonyms, s => s.Name == "log.retention.hours" && s.Value == "168" && s.Source == (sbyte)ConfigSource.DefaultConfig);
        var cleanup = result.Configs.Single(c => c.Name == "cleanup.policy");
        Assert.Equal((sbyte)TopicConfigType.List, cleanup.ConfigType);
        Assert.Equal("log.cleanup.policy", Assert.Single(cleanup.Synonyms).Name);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var result = await DescribeAsync(4, ConfigResourceType.Topic, "ghost");

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Empty(result.Configs);
    }

    [Fact]
    public async Task HandleAsync_BrokerById_ListsBrokerSettingsReadOnly()
    {
        var result = await DescribeAsync(4, ConfigResourceType.Broker, NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), synonyms: true, documentation: true);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        var byName = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal("1", byName["num.partitions"].Value);
        Assert.Equal((sbyte)ConfigSource.DefaultConfig, byName["num.partitions"].ConfigSource);
        Assert.Equal((sbyte)TopicConfigType.Int, byName["num.partitions"].ConfigType);
        Assert.Equal("1048588", byName["message.max.bytes"].Value);
        Assert.Null(byName["log.retention.ms"].Value);
        Assert.All(result.Configs, c => Assert.True(c.ReadOnly));
        Assert.False(string.IsNullOrEmpty(byName["delete.topic.enable"].Documentation));
    }

    [Fact]
    public async Task HandleAsync_BrokerByIdWithKeys_FiltersThem()
    {
        var result = await DescribeAsync(2, ConfigResourceType.Broker, "3", ["num.partitions", "delete.topic.enable"]);

        Assert.Equal(["delete.topic.enable", "num.partitions"], result.Configs.Select(c => c.Name).ToArray());
    }

    [Fact]
    public async Task HandleAsync_BrokerDefaultResource_HasNoDynamicDefaults()
    {
        var result = await DescribeAsync(4, ConfigResourceType.Broker, string.Empty);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Empty(result.Configs);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("broker-a")]
    public async Task HandleAsync_OtherBroker_AnswersInvalidRequest(string name)
    {
        var result = await DescribeAsync(4, ConfigResourceType.Broker, name);

        Assert.Equal((short)ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.Contains(name, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SeveralResources_AnswersEachInOrder()
    {
        await CreateAsync("first", 1);
        var request = new DescribeConfigsRequest();
        request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)ConfigResourceType.Topic, ResourceName = "first", ConfigurationKeys = ["retention.ms"] });
        request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)ConfigResourceType.Topic, ResourceName = "missing", ConfigurationKeys = null });
        request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = 1, ResourceName = "x", ConfigurationKeys = null });

        var response = await RequestAsync<DescribeConfigsResponse>(ApiKey.DescribeConfigs, 3, request);

        Assert.Equal(3, response.Results.Count);
        Assert.Equal((short)ErrorCode.None, response.Results[0].ErrorCode);
        Assert.Single(response.Results[0].Configs);
        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, response.Results[1].ErrorCode);
        Assert.Equal((short)ErrorCode.InvalidRequest, response.Results[2].ErrorCode);
    }
}
