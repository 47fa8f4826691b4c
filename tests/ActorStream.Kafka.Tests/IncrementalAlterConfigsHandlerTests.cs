using ActorStream.Broker.Topics;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class IncrementalAlterConfigsHandlerTests : BrokerNodeTestBase
{
    private Task CreateAsync(string name, params (string Key, string Value)[] configs) =>
        DescribeConfigsHandlerTests.CreateTopicAsync(this, RequestAsync<CreateTopicsResponse>, name, 2, configs);

    private async Task<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> AlterAsync(
        ConfigResourceType type, string name, bool validateOnly = false, short version = 1, params (string Key, AlterConfigOp Op, string? Value)[] configs)
    {
        var resource = new IncrementalAlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)type, ResourceName = name };
        foreach (var (key, op, value) in configs)
        {
            resource.Configs.Add(new IncrementalAlterConfigsRequest.AlterableConfig { Name = key, ConfigOperation = (sbyte)op, Value = value });
        }

        var response = await RequestAsync<IncrementalAlterConfigsResponse>(
            ApiKey.IncrementalAlterConfigs, version, new IncrementalAlterConfigsRequest { Resources = [resource], ValidateOnly = validateOnly });
        return Assert.Single(response.Responses);
    }

    private TopicMetadata Topic(string name)
    {
        Assert.True(Broker.Topics.Current.TryGet(name, out var topic));
        return topic;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task HandleAsync_SetDeleteAppendSubtract_ApplyToTheCurrentConfigs(short version)
    {
        await CreateAsync("incremental", ("retention.ms", "1000"), ("segment.ms", "60000"));

        var result = await AlterAsync(ConfigResourceType.Topic, "incremental", version: version, configs:
        [
            ("max.message.bytes", AlterConfigOp.Set, "4096"),
            ("retention.ms", AlterConfigOp.Delete, null),
            ("cleanup.policy", AlterConfigOp.Append, "compact"),
        ]);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        var topic = Topic("incremental");
        Assert.Equal("4096", topic.Configs["max.message.bytes"]);
        Assert.False(topic.Configs.ContainsKey("retention.ms"));
        Assert.Equal("60000", topic.Configs["segment.ms"]);
        Assert.Equal("delete,compact", topic.Configs["cleanup.policy"]);

        var subtract = await AlterAsync(ConfigResourceType.Topic, "incremental", configs: [("cleanup.policy", AlterConfigOp.Subtract, "delete")]);

        Assert.Equal((short)ErrorCode.None, subtract.ErrorCode);
        Assert.Equal("compact", Topic("incremental").Configs["cleanup.policy"]);
    }

    [Fact]
    public async Task HandleAsync_SetThenDeleteMaxMessageBytes_ReachesTheRunningPartition()
    {
        await CreateAsync("limits");
        Assert.Equal((short)ErrorCode.None, (await ProduceAsync("limits", 1, Batch("warm", 2)))!.ErrorCode);

        await AlterAsync(ConfigResourceType.Topic, "limits", configs: [("max.message.bytes", AlterConfigOp.Set, "64")]);
        var refused = await ProduceAsync("limits", 1, Batch("refused", 2));
        await AlterAsync(ConfigResourceType.Topic, "limits", configs: [("max.message.bytes", AlterConfigOp.Delete, null)]);
        var accepted = await ProduceAsync("limits", 1, Batch("accepted", 2));

        Assert.Equal((short)ErrorCode.MessageTooLarge, refused!.ErrorCode);
        Assert.Equal((short)ErrorCode.None, accepted!.ErrorCode);
        Assert.Equal(2, accepted.BaseOffset);
    }

    [Theory]
    [InlineData("max.message.bytes", AlterConfigOp.Set, "-1", ErrorCode.InvalidConfig)]
    [InlineData("no.such.config", AlterConfigOp.Set, "1", ErrorCode.InvalidConfig)]
    [InlineData("retention.ms", AlterConfigOp.Append, "5", ErrorCode.InvalidRequest)]
    [InlineData("cleanup.policy", AlterConfigOp.Append, "shred", ErrorCode.InvalidConfig)]
    [InlineData("retention.ms", (AlterConfigOp)9, "5", ErrorCode.InvalidRequest)]
    public async Task HandleAsync_BadAlteration_ErrorWithMessageAndNothingChanges(string key, AlterConfigOp op, string value, ErrorCode expected)
    {
        await CreateAsync("guarded", ("retention.ms", "1000"));

        var result = await AlterAsync(ConfigResourceType.Topic, "guarded", configs: [("segment.ms", AlterConfigOp.Set, "5000"), (key, op, value)]);

        Assert.Equal((short)expected, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
        Assert.Equal(new Dictionary<string, string> { ["retention.ms"] = "1000" }, Topic("guarded").Configs);
    }

    [Fact]
    public async Task HandleAsync_SameKeyTwice_InvalidRequest()
    {
        await CreateAsync("dupkeys");

        var result = await AlterAsync(ConfigResourceType.Topic, "dupkeys", configs: [("retention.ms", AlterConfigOp.Set, "1"), ("retention.ms", AlterConfigOp.Set, "2")]);

        Assert.Equal((short)ErrorCode.InvalidRequest, result.ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_ValidateOnly_ChangesNothing()
    {
        await CreateAsync("dry");

        var result = await AlterAsync(ConfigResourceType.Topic, "dry", validateOnly: true, configs: [("retention.ms", AlterConfigOp.Set, "5")]);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Empty(Topic("dry").Configs);
    }

    [Fact]
    public async Task HandleAsync_Broker_InvalidRequestDynamicConfigsUnsupported()
    {
        var result = await AlterAsync(ConfigResourceType.Broker, "3", configs: [("log.retention.ms", AlterConfigOp.Set, "5")]);

        Assert.Equal((short)ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.Contains("not supported", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var result = await AlterAsync(ConfigResourceType.Topic, "ghost", configs: [("retention.ms", AlterConfigOp.Set, "5")]);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }
}
