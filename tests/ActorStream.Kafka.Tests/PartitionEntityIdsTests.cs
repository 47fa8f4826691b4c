using ActorStream.Kafka.Handlers;

namespace ActorStream.Kafka.Tests;

public sealed class PartitionEntityIdsTests
{
    [Theory]
    [InlineData("orders", 0)]
    [InlineData("my-topic-7", 12)]
    [InlineData("a.b_c-1", 2147483647)]
    public void TryParse_IdMadeByFor_RoundTrips(string topic, int partition)
    {
        var topicId = Guid.NewGuid();
        var id = PartitionEntityIds.For(topic, partition, topicId);

        Assert.True(PartitionEntityIds.TryParse(id, out var parsedTopic, out var parsedPartition, out var parsedId));
        Assert.Equal(topic, parsedTopic);
        Assert.Equal(partition, parsedPartition);
        Assert.Equal(topicId, parsedId);
        Assert.Equal("partition-" + id, PartitionEntityIds.PersistenceId(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders-0")]
    [InlineData("orders-x-0123456789abcdef0123456789abcdef")]
    [InlineData("-0-0123456789abcdef0123456789abcdef")]
    public void TryParse_Malformed_ReturnsFalse(string id)
    {
        Assert.False(PartitionEntityIds.TryParse(id, out _, out _, out _));
    }
}
