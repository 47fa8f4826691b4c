using System.Diagnostics;
using System.Text;
using ActorStream.Client.Admin;
using ActorStream.Client.Producing;
using ActorStream.Client.Tests.Consuming;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Client.Tests;

/// <summary>
/// The client over the network against an <c>actorstream node</c> child process (the executable users run),
/// on SQLite files in a temporary data dir: admin, keyed produce with the Java partitioner, a consumer group
/// that commits, and a second member that resumes after the commits.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeProcessTests : IAsyncLifetime
{
    private readonly TempDirectory _dataDir = new();
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync(_dataDir.Path, FreePort.Next());

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dataDir.Dispose();
    }

    [Fact]
    public async Task ProduceConsumeAdmin_AgainstANodeProcess_KeyedRecordsLandOnMurmur2PartitionsAndGroupsResume()
    {
        const string topic = "process-orders";
        const int partitions = 6;
        const int records = 3_000;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _node.Bootstrap }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions }]);
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        Assert.Equal(partitions, Assert.Single(metadata.Topics).Partitions.Count);

        var expected = new Dictionary<string, (int Partition, long Offset)>();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _node.Bootstrap,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build())
        {
            var sends = new Task<DeliveryResult<string, string>>[records];
            for (var i = 0; i < records; i++)
            {
                sends[i] = producer.ProduceAsync(topic, new Message<string, string> { Key = "key-" + i, Value = "value-" + i });
            }

            foreach (var delivered in await Task.WhenAll(sends))
            {
                Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
                Assert.Equal(DefaultPartitioner.PartitionForKey(Encoding.UTF8.GetBytes(delivered.Key), partitions), delivered.Partition.Value);
                expected.Add(delivered.Key, (delivered.Partition.Value, delivered.Offset.Value));
            }
        }

        // Offsets per partition are dense from 0: no gaps, no duplicates.
        var perPartition = new long[partitions];
        foreach (var (_, (partition, _)) in expected)
        {
            perPartition[partition]++;
        }

        var stored = new HashSet<(int, long)>();
        foreach (var (_, (partition, offset)) in expected)
        {
            Assert.InRange(offset, 0, perPartition[partition] - 1);
            Assert.True(stored.Add((partition, offset)), $"two records were acknowledged at {partition}/{offset}");
        }

        var firstHalf = ConsumeAndCommit("process-group", topic, records / 2, expected);
        var seen = new HashSet<string>(firstHalf);
        var rest = ConsumeAndCommit("process-group", topic, records - firstHalf.Count, expected);
        foreach (var key in rest)
        {
            Assert.True(seen.Add(key), $"{key} was delivered again after its offset was committed");
        }

        Assert.Equal(records, seen.Count);
        await admin.DeleteTopicsAsync([topic]);
        await Eventually.TrueAsync(
            () => !admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Exists(t => t.Topic == topic),
            () => "the deleted topic is still listed");
    }

    /// <summary>Consumes <paramref name="count"/> records in <paramref name="group"/>, checks each against its delivery report, commits and closes.</summary>
    private List<string> ConsumeAndCommit(string group, string topic, int count, Dictionary<string, (int Partition, long Offset)> expected)
    {
        var keys = new List<string>(count);
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _node.Bootstrap,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var waited = Stopwatch.StartNew();
        while (keys.Count < count)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"consumed {keys.Count} of {count} within 60 s");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            var (partition, offset) = expected[result.Message.Key];
            Assert.Equal(partition, result.Partition.Value);
            Assert.Equal(offset, result.Offset.Value);
            Assert.Equal("value-" + result.Message.Key["key-".Length..], result.Message.Value);
            keys.Add(result.Message.Key);
        }

        consumer.Commit();
        consumer.Close();
        return keys;
    }
}
