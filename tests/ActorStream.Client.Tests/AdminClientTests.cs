using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorStream.Client.Admin;
using ActorStream.Client.Tests.Support;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Tests;

[Trait("Category", "Integration")]
public sealed class AdminClientTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private IAdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _node.BootstrapServers, DefaultApiTimeoutMs = 20_000 }).Build();
    }

    public async Task DisposeAsync()
    {
        await _admin.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task CreateTopicsAsync_NewTopics_AreListedAndDescribed()
    {
        await _admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = "orders", NumPartitions = 3, ReplicationFactor = 1 },
            new TopicSpecification { Name = "events" }, // broker defaults: num.partitions = 1
        ]);

        var listed = await _admin.ListTopicsAsync();
        Assert.Contains(listed, t => t.Name == "orders");
        Assert.Contains(listed, t => t.Name == "events");

        var described = await _admin.DescribeTopicsAsync(["orders", "events"]);
        var orders = described.TopicDescriptions[0];
        Assert.Equal("orders", orders.Name);
        Assert.False(orders.Error.IsError);
        Assert.Equal([0, 1, 2], orders.Partitions.Select(p => p.Partition));
        Assert.All(orders.Partitions, p => Assert.Equal(InProcessNode.NodeId, p.Leader!.Id));
        Assert.All(orders.Partitions, p => Assert.Equal(InProcessNode.NodeId, Assert.Single(p.ISR).Id));
        Assert.Single(described.TopicDescriptions[1].Partitions);
    }

    [Fact]
    public async Task CreateTopicsAsync_OneExists_ThrowsWithTheOutcomeOfEachTopic()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "taken", NumPartitions = 1 }]);

        var error = await Assert.ThrowsAsync<CreateTopicsException>(() => _admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = "taken", NumPartitions = 1 },
            new TopicSpecification { Name = "fresh", NumPartitions = 2 },
        ]));

        Assert.Equal(["taken", "fresh"], error.Results.Select(r => r.Topic));
        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Results[0].Error.Code);
        Assert.False(error.Results[1].Error.IsError);
        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
        Assert.Equal(2, (await _admin.DescribeTopicsAsync(["fresh"])).TopicDescriptions[0].Partitions.Count);
    }

    [Fact]
    public async Task CreateTopicsAsync_ValidateOnly_CreatesNothing()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "dry-run", NumPartitions = 2 }], new CreateTopicsOptions { ValidateOnly = true });

        Assert.DoesNotContain(await _admin.ListTopicsAsync(), t => t.Name == "dry-run");
    }

    [Fact]
    public async Task DeleteTopicsAsync_ExistingAndUnknown_DeletesOneAndReportsTheOtherWithoutWaitingForTheTimeLimit()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "doomed", NumPartitions = 1 }]);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DeleteTopicsException>(() => _admin.DeleteTopicsAsync(["doomed", "never-existed"]));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "an unknown topic is final, not retried until the time limit");
        Assert.False(error.Results[0].Error.IsError);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, error.Results[1].Error.Code);
        Assert.DoesNotContain(await _admin.ListTopicsAsync(), t => t.Name == "doomed");
    }

    [Fact]
    public async Task DescribeTopicsAsync_UnknownTopic_ThrowsWithEveryTopic()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "known", NumPartitions = 1 }]);

        var error = await Assert.ThrowsAsync<DescribeTopicsException>(() => _admin.DescribeTopicsAsync(["known", "unknown"]));

        Assert.False(error.Results.TopicDescriptions[0].Error.IsError);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, error.Results.TopicDescriptions[1].Error.Code);
    }

    [Fact]
    public async Task CreatePartitionsAsync_Increase_AddsPartitions_AndDecreaseIsRefused()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "growing", NumPartitions = 1 }]);

        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "growing", IncreaseTo = 4 }]);

        Assert.Equal(4, (await _admin.DescribeTopicsAsync(["growing"])).TopicDescriptions[0].Partitions.Count);
        var error = await Assert.ThrowsAsync<CreatePartitionsException>(() =>
            _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "growing", IncreaseTo = 2 }]));
        Assert.Equal(ErrorCode.InvalidPartitions, Assert.Single(error.Results).Error.Code);
    }

    [Fact]
    public async Task DescribeConfigsAsync_TopicAndBroker_ShowValuesAndTheirSources()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "configured", NumPartitions = 1, Configs = new() { ["retention.ms"] = "3600000" } }]);

        var results = await _admin.DescribeConfigsAsync(
        [
            new ConfigResource { Type = ResourceType.Topic, Name = "configured" },
            new ConfigResource { Type = ResourceType.Broker, Name = InProcessNode.NodeId.ToString() },
        ], new DescribeConfigsOptions { IncludeSynonyms = true });

        var topic = results[0].Entries;
        Assert.Equal("3600000", topic["retention.ms"].Value);
        Assert.Equal(ConfigSource.DynamicTopicConfig, topic["retention.ms"].Source);
        Assert.False(topic["retention.ms"].IsDefault);
        Assert.True(topic["cleanup.policy"].IsDefault);
        Assert.NotEmpty(results[1].Entries);
        Assert.Equal(ResourceType.Broker, results[1].ConfigResource.Type);
    }

    [Fact]
    public async Task AlterConfigsAsync_AndIncremental_ChangeWhatDescribeConfigsShows()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "tuned", NumPartitions = 1 }]);
        var resource = new ConfigResource { Type = ResourceType.Topic, Name = "tuned" };

        await _admin.IncrementalAlterConfigsAsync(new() { [resource] = [new ConfigEntry { Name = "retention.ms", Value = "60000" }] });
        Assert.Equal("60000", (await _admin.DescribeConfigsAsync([resource]))[0].Entries["retention.ms"].Value);

        await _admin.IncrementalAlterConfigsAsync(new() { [resource] = [new ConfigEntry { Name = "retention.ms", IncrementalOperation = AlterConfigOpType.Delete }] });
        Assert.True((await _admin.DescribeConfigsAsync([resource]))[0].Entries["retention.ms"].IsDefault);

        await _admin.AlterConfigsAsync(new() { [resource] = [new ConfigEntry { Name = "max.message.bytes", Value = "2000000" }] });
        Assert.Equal("2000000", (await _admin.DescribeConfigsAsync([resource]))[0].Entries["max.message.bytes"].Value);

        var error = await Assert.ThrowsAsync<AlterConfigsException>(() =>
            _admin.IncrementalAlterConfigsAsync(new() { [resource] = [new ConfigEntry { Name = "no.such.config", Value = "1" }] }));
        Assert.Equal(resource, Assert.Single(error.Results).ConfigResource);
        Assert.True(error.Results[0].Error.IsError);
    }

    [Fact]
    public async Task ListOffsetsAsync_EarliestLatestAndTimestamps_MatchTheProducedRecords_AndDeleteRecordsMovesEarliest()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "timeline", NumPartitions = 1 }]);
        await using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _node.BootstrapServers, LingerMs = 0 }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync("timeline", new Message<Null, string>
                {
                    Value = "v" + i,
                    Timestamp = new Timestamp(1_700_000_000_000 + (i * 1000), TimestampType.CreateTime),
                });
            }
        }

        var tp = new TopicPartition("timeline", 0);
        var offsets = await _admin.ListOffsetsAsync(
        [
            new TopicPartitionOffsetSpec(tp, OffsetSpec.Earliest()),
        ]);
        Assert.Equal(0, offsets[0].TopicPartitionOffsetError.Offset.Value);
        Assert.Equal(10, (await _admin.ListOffsetsAsync([new TopicPartitionOffsetSpec(tp, OffsetSpec.Latest())]))[0].TopicPartitionOffsetError.Offset.Value);
        var byTime = (await _admin.ListOffsetsAsync([new TopicPartitionOffsetSpec(tp, OffsetSpec.ForTimestamp(1_700_000_004_500))]))[0];
        Assert.Equal(5, byTime.TopicPartitionOffsetError.Offset.Value);
        Assert.Equal(1_700_000_005_000, byTime.Timestamp);

        var deleted = await _admin.DeleteRecordsAsync([new TopicPartitionOffset(tp, 4)]);
        Assert.Equal(4, Assert.Single(deleted).Offset.Value);
        Assert.Equal(4, (await _admin.ListOffsetsAsync([new TopicPartitionOffsetSpec(tp, OffsetSpec.Earliest())]))[0].TopicPartitionOffsetError.Offset.Value);
    }

    [Fact]
    public async Task ListOffsetsAsync_UnknownPartition_ThrowsWithThePartitionsError()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "small", NumPartitions = 1 }]);

        var error = await Assert.ThrowsAsync<ListOffsetsException>(() => _admin.ListOffsetsAsync(
        [
            new TopicPartitionOffsetSpec(new TopicPartition("small", 0), OffsetSpec.Latest()),
            new TopicPartitionOffsetSpec(new TopicPartition("small", 7), OffsetSpec.Latest()),
        ]));

        Assert.False(error.Results[0].TopicPartitionOffsetError.Error.IsError);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, error.Results[1].TopicPartitionOffsetError.Error.Code);
    }

    [Fact]
    public async Task GroupOffsets_AlterListDescribeAndDelete_ForAGroupWithoutMembers()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "consumed", NumPartitions = 2 }]);

        var altered = await _admin.AlterConsumerGroupOffsetsAsync(
        [
            new ConsumerGroupTopicPartitionOffsets("reporting", [new TopicPartitionOffset("consumed", 0, 42), new TopicPartitionOffset("consumed", 1, 7)]),
        ]);
        Assert.All(Assert.Single(altered).Partitions, p => Assert.False(p.Error.IsError));

        var listed = Assert.Single(await _admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("reporting", null)]));
        Assert.Equal([("consumed", 0, 42L), ("consumed", 1, 7L)], listed.Partitions.Select(p => (p.Topic, p.Partition.Value, p.Offset.Value)));
        var asked = Assert.Single(await _admin.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions("reporting", [new TopicPartition("consumed", 1), new TopicPartition("consumed", 5)])]));
        Assert.Equal([7L, Offset.Unset.Value], asked.Partitions.Select(p => p.Offset.Value));

        Assert.Contains(await _admin.ListGroupsAsync(), g => g.GroupId == "reporting");
        var described = Assert.Single(await _admin.DescribeGroupsAsync(["reporting"]));
        Assert.Equal(ConsumerGroupState.Empty, described.State);
        Assert.Empty(described.Members);
        Assert.Equal(InProcessNode.NodeId, described.Coordinator!.Id);

        await _admin.DeleteGroupsAsync(["reporting"]);
        Assert.DoesNotContain(await _admin.ListGroupsAsync(), g => g.GroupId == "reporting");
        var error = await Assert.ThrowsAsync<DeleteGroupsException>(() => _admin.DeleteGroupsAsync(["reporting"]));
        Assert.Equal(ErrorCode.GroupIdNotFound, Assert.Single(error.Results).Error.Code);
    }

    [Fact]
    public async Task DescribeClusterAsync_ReportsTheNodeAsControllerAndOnlyBroker()
    {
        var cluster = await _admin.DescribeClusterAsync();

        Assert.Equal("client-spec-cluster", cluster.ClusterId);
        Assert.Equal(InProcessNode.NodeId, cluster.Controller!.Id);
        var node = Assert.Single(cluster.Nodes);
        Assert.Equal(_node.Port, node.Port);
    }

    [Fact]
    public async Task GetMetadata_Synchronous_ListsBrokersAndTopics()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "meta", NumPartitions = 2 }]);

        var metadata = _admin.GetMetadata(TimeSpan.FromSeconds(10));
        var single = _admin.GetMetadata("meta", TimeSpan.FromSeconds(10));

        Assert.Equal(InProcessNode.NodeId, Assert.Single(metadata.Brokers).BrokerId);
        Assert.Contains(metadata.Topics, t => t.Topic == "meta");
        Assert.Equal(2, Assert.Single(single.Topics).Partitions.Count);
        Assert.Equal(InProcessNode.NodeId, single.OriginatingBrokerId);
    }

    [Fact]
    public async Task Calls_NoBrokerReachable_FailWithATimeoutAfterTheirLimit()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = $"127.0.0.1:{port}", ReconnectBackoffMs = 20, RetryBackoffMs = 20 }).Build();

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<KafkaException>(() => admin.ListTopicsAsync(new ListTopicsOptions { RequestTimeout = TimeSpan.FromMilliseconds(500) }));

        Assert.Equal(LocalErrorCode.TimedOut, error.Error.LocalCode);
        Assert.Contains("ListTopics", error.Error.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
