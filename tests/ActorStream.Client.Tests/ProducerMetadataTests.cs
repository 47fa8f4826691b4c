using ActorStream.Client.Admin;
using ActorStream.Client.Tests.Support;

namespace ActorStream.Client.Tests;

/// <summary>The producer's metadata cache: refreshed when a broker answers that it does not know a topic.</summary>
[Trait("Category", "Integration")]
public sealed class ProducerMetadataTests : IAsyncLifetime
{
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ProduceAsync_TopicDeletedBehindTheCache_RefreshesMetadataAndRetries()
    {
        await using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _node.BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "phoenix", NumPartitions = 1 }]);
        await using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = _node.BootstrapServers,
            LingerMs = 0,
            RetryBackoffMs = 20,
            MetadataMaxAgeMs = 3_600_000, // only an error can make it look again
        }).Build();
        var first = await producer.ProduceAsync("phoenix", new Message<Null, string> { Value = "first life" });
        await producer.ProduceAsync("phoenix", new Message<Null, string> { Value = "first life, again" });
        Assert.Equal(0, first.Offset.Value);

        await admin.DeleteTopicsAsync(["phoenix"]);
        var second = await producer.ProduceAsync("phoenix", new Message<Null, string> { Value = "second life" }).WaitAsync(TimeSpan.FromSeconds(30));

        // The cached leader answered UNKNOWN_TOPIC_OR_PARTITION; the refresh auto-created the topic anew.
        Assert.Equal(0, second.Offset.Value);
        var offsets = await admin.ListOffsetsAsync([new TopicPartitionOffsetSpec(new TopicPartition("phoenix", 0), OffsetSpec.Latest())]);
        Assert.Equal(1, offsets[0].TopicPartitionOffsetError.Offset.Value);
    }
}
