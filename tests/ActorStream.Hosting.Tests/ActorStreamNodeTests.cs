using System.Text;
using ActorStream.Client;
using ActorStream.Client.Admin;
using ActorStream.Hosting.Tests.Support;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Hosting.Tests;

/// <summary>
/// An embedded node on SQLite files in a temp directory, driven by the ordinary client API through
/// the in-process transport (no sockets), and over TCP when its listener is enabled.
/// </summary>
public sealed class ActorStreamNodeTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private ActorStreamNode _node = null!;

    public async Task InitializeAsync() => _node = await ActorStreamNode.StartAsync(new ActorStreamNodeOptions { DataDirectory = _dir.Path });

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task StartAsync_Defaults_StoresInSqliteFilesUnderTheDataDirectory()
    {
        await CreateTopicAsync("files", 1);
        using var producer = _node.CreateProducer<Null, string>();
        await producer.ProduceAsync("files", new Message<Null, string> { Value = "x" });

        Assert.True(_node.IsRunning);
        Assert.Null(_node.BootstrapServers);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "journal.db")), "journal.db in the data directory");
    }

    [Fact]
    public async Task ProduceConsume_InProcess_OffsetsBytesAndOrderKept()
    {
        await CreateTopicAsync("orders", 3);
        using var producer = _node.CreateProducer<string, byte[]>(new ProducerConfig { Acks = Acks.Leader, LingerMs = 1 });
        var sent = new List<(int Partition, long Offset, byte[] Value)>();
        for (var i = 0; i < 30; i++)
        {
            var value = Encoding.UTF8.GetBytes($"value-{i:D3}");
            var result = await producer.ProduceAsync(new TopicPartition("orders", i % 3), new Message<string, byte[]> { Key = "k" + i, Value = value });
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
            sent.Add((result.Partition.Value, result.Offset.Value, value));
        }

        for (var p = 0; p < 3; p++)
        {
            var offsets = sent.Where(s => s.Partition == p).Select(s => s.Offset).ToList();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), offsets);
        }

        using var consumer = _node.CreateConsumer<string, byte[]>(new ConsumerConfig { GroupId = "g-order" });
        consumer.Assign([new TopicPartitionOffset("orders", 1, Offset.Beginning)]);
        var received = Records.ConsumeExactly(consumer, 10, s_timeout);

        var expected = sent.Where(s => s.Partition == 1).ToList();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(expected[i].Offset, received[i].Offset.Value);
            Assert.Equal(expected[i].Value, received[i].Message.Value);
            Assert.Equal("k" + (1 + (3 * i)), received[i].Message.Key);
        }
    }

    [Fact]
    public async Task AdminClient_InProcess_CreatesDescribesAndListsOffsets()
    {
        using var admin = _node.CreateAdminClient();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "admin-topic", NumPartitions = 4, ReplicationFactor = 1 }]);

        var described = await admin.DescribeTopicsAsync(["admin-topic"]);
        var topic = Assert.Single(described.TopicDescriptions);
        Assert.Equal(4, topic.Partitions.Count);
        Assert.All(topic.Partitions, p => Assert.Equal(_node.NodeId, p.Leader!.Id));

        using var producer = _node.CreateProducer<Null, string>();
        for (var i = 0; i < 5; i++)
        {
            await producer.ProduceAsync(new TopicPartition("admin-topic", 2), new Message<Null, string> { Value = "v" + i });
        }

        var offsets = await admin.ListOffsetsAsync([new TopicPartitionOffsetSpec(new TopicPartition("admin-topic", 2), OffsetSpec.Latest())]);
        Assert.Equal(5, Assert.Single(offsets).TopicPartitionOffsetError.Offset.Value);
    }

    [Fact]
    public async Task DescribeTopics_UnknownTopic_SurfacesTheBrokersErrorCode()
    {
        using var admin = _node.CreateAdminClient();

        var error = await Assert.ThrowsAsync<DescribeTopicsException>(() => admin.DescribeTopicsAsync(["no-such-topic"]));

        Assert.Equal(ErrorCode.UnknownTopicOrPartition, Assert.Single(error.Results.TopicDescriptions).Error.Code);
    }

    [Fact]
    public async Task Produce_AcksNone_RecordsStoredWithoutResponses()
    {
        await CreateTopicAsync("fire-and-forget", 1);
        using (var producer = _node.CreateProducer<Null, string>(new ProducerConfig { Acks = Acks.None, EnableIdempotence = false, LingerMs = 0 }))
        {
            for (var i = 0; i < 20; i++)
            {
                var result = await producer.ProduceAsync("fire-and-forget", new Message<Null, string> { Value = "v" + i });
                Assert.Equal(PersistenceStatus.PossiblyPersisted, result.Status);
            }

            Assert.Equal(0, producer.Flush(s_timeout));
        }

        using var consumer = _node.CreateConsumer<Null, string>(new ConsumerConfig { GroupId = "g-acks0" });
        consumer.Assign([new TopicPartitionOffset("fire-and-forget", 0, Offset.Beginning)]);
        var received = Records.ConsumeExactly(consumer, 20, s_timeout);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "v" + i), received.Select(r => r.Message.Value));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), received.Select(r => r.Offset.Value));
    }

    [Fact]
    public async Task ConsumerGroup_CommitThenNewMember_ResumesAfterTheCommit()
    {
        await CreateTopicAsync("resume", 2);
        using (var producer = _node.CreateProducer<Null, string>())
        {
            for (var i = 0; i < 20; i++)
            {
                await producer.ProduceAsync(new TopicPartition("resume", i % 2), new Message<Null, string> { Value = "v" + i });
            }
        }

        var config = new ConsumerConfig { GroupId = "g-resume", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false };
        using (var first = _node.CreateConsumer<Null, string>(config))
        {
            first.Subscribe("resume");
            var firstBatch = Records.ConsumeExactly(first, 12, s_timeout);
            first.Commit(firstBatch.GroupBy(r => r.Partition.Value).Select(g => new TopicPartitionOffset("resume", g.Key, g.Max(r => r.Offset.Value) + 1)));
            var committed = first.Committed([new TopicPartition("resume", 0), new TopicPartition("resume", 1)], s_timeout);
            Assert.Equal(12, committed.Sum(c => c.Offset.Value));
            first.Close();
        }

        using var second = _node.CreateConsumer<Null, string>(config);
        second.Subscribe("resume");
        var rest = Records.ConsumeExactly(second, 8, s_timeout);
        Assert.Null(second.Consume(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(20, rest.Count + 12);
        foreach (var partition in rest.GroupBy(r => r.Partition.Value))
        {
            var offsets = partition.Select(r => r.Offset.Value).ToList();
            Assert.Equal(Enumerable.Range((int)offsets[0], offsets.Count).Select(i => (long)i), offsets);
        }
    }

    [Fact]
    public async Task Listener_Enabled_NetworkClientReadsWhatInProcessClientsWrote()
    {
        using var dir = new TempDirectory();
        await using var node = await ActorStreamNode.StartAsync(new ActorStreamNodeOptions
        {
            DataDirectory = dir.Path,
            EnableKafkaListener = true,
            KafkaListenerAddress = "127.0.0.1:0",
        });
        Assert.NotNull(node.BootstrapServers);
        Assert.NotEqual(0, node.AdvertisedPort);
        using (var admin = node.CreateAdminClient())
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = "shared", NumPartitions = 1, ReplicationFactor = 1 }]);
        }

        using (var producer = node.CreateProducer<string, string>())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync("shared", new Message<string, string> { Key = "k" + i, Value = "in-process-" + i });
            }
        }

        using var tcp = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = node.BootstrapServers, GroupId = "g-tcp" }).Build();
        tcp.Assign([new TopicPartitionOffset("shared", 0, Offset.Beginning)]);
        var received = Records.ConsumeExactly(tcp, 10, s_timeout);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "in-process-" + i), received.Select(r => r.Message.Value));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), received.Select(r => r.Offset.Value));
    }

    [Fact]
    public async Task StopAsync_ThenRestartOnTheSameDirectory_RecordsRecovered()
    {
        await CreateTopicAsync("durable", 1);
        using (var producer = _node.CreateProducer<Null, string>())
        {
            for (var i = 0; i < 5; i++)
            {
                await producer.ProduceAsync("durable", new Message<Null, string> { Value = "v" + i });
            }
        }

        await _node.StopAsync();
        Assert.False(_node.IsRunning);
        Assert.True(_node.WhenTerminated.IsCompleted);

        _node = await ActorStreamNode.StartAsync(new ActorStreamNodeOptions { DataDirectory = _dir.Path });
        using var consumer = _node.CreateConsumer<Null, string>(new ConsumerConfig { GroupId = "g-durable" });
        consumer.Assign([new TopicPartitionOffset("durable", 0, Offset.Beginning)]);
        var received = Records.ConsumeExactly(consumer, 5, s_timeout);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "v" + i), received.Select(r => r.Message.Value));
    }

    [Fact]
    public async Task ConnectAfterStop_ClientFailsWithTransportError()
    {
        await CreateTopicAsync("stopped", 1);
        await _node.StopAsync();
        using var producer = _node.CreateProducer<Null, string>(new ProducerConfig { MaxBlockMs = 500 });

        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync("stopped", new Message<Null, string> { Value = "x" }));

        Assert.Equal(LocalErrorCode.UnknownTopic, error.Error.LocalCode);
        _node = await ActorStreamNode.StartAsync(new ActorStreamNodeOptions { DataDirectory = _dir.Path });
    }

    private async Task CreateTopicAsync(string name, int partitions)
    {
        using var admin = _node.CreateAdminClient();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }
}
