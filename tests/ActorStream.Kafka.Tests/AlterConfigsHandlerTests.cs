using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class AlterConfigsHandlerTests : BrokerNodeTestBase
{
    private Task CreateAsync(string name, params (string Key, string Value)[] configs) =>
        DescribeConfigsHandlerTests.CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, name, 1, configs);

    private async Task<AlterConfigsResponse.AlterConfigsResourceResponse> AlterAsync(
        ConfigResourceType type, string name, bool validateOnly = false, short version = 2, params (string Key, string? Value)[] configs)
    {
        var resource = new AlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)type, ResourceName = name };
        foreach (var (key, value) in configs)
        {
            resource.Configs.Add(new AlterConfigsRequest.AlterableConfig { Name = key, Value = value });
        }

        var response = await RequestAsync<AlterConfigsResponse>(ApiKey.AlterConfigs, version, new AlterConfigsRequest { Resources = [resource], ValidateOnly = validateOnly });
        var result = Assert.Single(response.Responses);
        Assert.Equal(name, result.ResourceName);
        Assert.Equal((sbyte)type, result.ResourceType);
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task HandleAsync_Topic_ReplacesTheWholeSetOfTopicConfigs(short version)
    {
        await CreateAsync("replaced", ("retention.ms", "3600000"), ("cleanup.policy", "compact"));

        var result = await AlterAsync(ConfigResourceType.Topic, "replaced", version: version, configs: [("max.message.bytes", "5000"), ("cleanup.policy", "delete,compact")]);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.True(Broker.Topics.Current.TryGet("replaced", out var topic));
        Assert.Equal(2, topic.Configs.Count);
        Assert.Equal("5000", topic.Configs["max.message.bytes"]);
        Assert.Equal("delete,compact", topic.Configs["cleanup.policy"]);
        Assert.Equal("604800000", topic.GetConfig("retention.ms"));
    }

    [Fact]
    public async Task HandleAsync_MaxMessageBytesLowered_NextProduceIsMessageTooLarge()
    {
        var first = await ProduceAsync("shrinking", 0, Batch("small", 3));
        Assert.Equal((short)ErrorCode.None, first!.ErrorCode);

        var result = await AlterAsync(ConfigResourceType.Topic, "shrinking", configs: [("max.message.bytes", "100")]);
        var second = await ProduceAsync("shrinking", 0, Batch("now-too-large", 3));

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal((short)ErrorCode.MessageTooLarge, second!.ErrorCode);
        var small = await ProduceAsync("shrinking", 0, Batch("s", 1));
        Assert.Equal((short)ErrorCode.None, small!.ErrorCode);
        Assert.Equal(3, small.BaseOffset);
    }

    [Theory]
    [InlineData("max.message.bytes", "lots", "max.message.bytes")]
    [InlineData("retention.ms", "-5", "retention.ms")]
    [InlineData("cleanup.policy", "shred", "cleanup.policy")]
    [InlineData("no.such.config", "1", "no.such.config")]
    [InlineData("remote.storage.enable", "true", "remote.storage.enable")]
    public async Task HandleAsync_BadNameOrValue_InvalidConfigWithReason(string key, string value, string named)
    {
        await CreateAsync("strict", ("retention.ms", "1000"));

        var result = await AlterAsync(ConfigResourceType.Topic, "strict", configs: [(key, value)]);

        Assert.Equal((short)ErrorCode.InvalidConfig, result.ErrorCode);
        Assert.Contains(named, result.ErrorMessage, StringComparison.Ordinal);
        Assert.True(Broker.Topics.Current.TryGet("strict", out var topic));
        Assert.Equal("1000", topic.Configs["retention.ms"]);
    }

    [Fact]
    public async Task HandleAsync_ValidateOnly_ChangesNothing()
    {
        await CreateAsync("checked", ("retention.ms", "1000"));

        var result = await AlterAsync(ConfigResourceType.Topic, "checked", validateOnly: true, configs: [("retention.ms", "2000")]);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.True(Broker.Topics.Current.TryGet("checked", out var topic));
        Assert.Equal("1000", topic.Configs["retention.ms"]);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var result = await AlterAsync(ConfigResourceType.Topic, "ghost", configs: [("retention.ms", "1")]);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_Broker_InvalidRequestDynamicConfigsUnsupported()
    {
        var result = await AlterAsync(ConfigResourceType.Broker, "3", configs: [("num.partitions", "4")]);

        Assert.Equal((short)ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.Contains("not supported", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, Broker.Settings.NumPartitions);
    }

    [Fact]
    public async Task HandleAsync_OtherBroker_InvalidRequest()
    {
        var result = await AlterAsync(ConfigResourceType.Broker, "9", configs: [("num.partitions", "4")]);

        Assert.Equal((short)ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.Contains("Unexpected broker id", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DuplicateResource_InvalidRequestForBoth()
    {
        await CreateAsync("twice");
        var request = new AlterConfigsRequest();
        for (var i = 0; i < 2; i++)
        {
            request.Resources.Add(new AlterConfigsRequest.AlterConfigsResource
            {
                ResourceType = (sbyte)ConfigResourceType.Topic,
                ResourceName = "twice",
                Configs = [new AlterConfigsRequest.AlterableConfig { Name = "retention.ms", Value = "1" }],
            });
        }

        var response = await RequestAsync<AlterConfigsResponse>(ApiKey.AlterConfigs, 2, request);

        Assert.Equal(2, response.Responses.Count);
        Assert.All(response.Responses, r => Assert.Equal((short)ErrorCode.InvalidRequest, r.ErrorCode));
        Assert.True(Broker.Topics.Current.TryGet("twice", out var topic));
        Assert.Empty(topic.Configs);
    }
}
