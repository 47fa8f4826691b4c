using ActorStream.Broker.Topics;
using ActorStream.Serialization;

namespace ActorStream.Broker.Tests.Topics;

public sealed class TopicEventSerializerTests
{
    public static TheoryData<ITopicEvent> Events() => new()
    {
        new TopicEvents.TopicCreated("t", Guid.NewGuid(), 3, 1, new Dictionary<string, string> { ["retention.ms"] = "5" }, 100),
        new TopicEvents.TopicDeleted("t", Guid.NewGuid(), 200),
        new TopicEvents.PartitionsCreated("t", 9),
        new TopicEvents.TopicConfigsChanged("t", new Dictionary<string, string> { ["cleanup.policy"] = "compact" }),
        new TopicEvents.TopicLogsDeleted(Guid.NewGuid()),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void RoundTrip_ThroughRegistry_RestoresEqualEvent(ITopicEvent topicEvent)
    {
        var registry = SerializationRegistry.CreateDefault();
        TopicEventSerializer.Register(registry);

        var payload = registry.Serialize(topicEvent);
        var restored = registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest);

        Assert.Equal(TopicEventSerializer.Id, payload.SerializerId);
        Assert.IsType(topicEvent.GetType(), restored);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(topicEvent, topicEvent.GetType()),
            System.Text.Json.JsonSerializer.Serialize(restored, restored.GetType()));
    }

    [Fact]
    public void RoundTrip_Snapshot_RestoresTopics()
    {
        var registry = SerializationRegistry.CreateDefault();
        TopicEventSerializer.Register(registry);
        var snapshot = new TopicManagerSnapshot(7, [new TopicEvents.TopicCreated("a", Guid.NewGuid(), 2, 1, new Dictionary<string, string> { ["segment.bytes"] = "4096" }, 5)]);

        var payload = registry.Serialize(snapshot);
        var restored = Assert.IsType<TopicManagerSnapshot>(registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest));

        Assert.Equal("TopicManagerSnapshot.v1", payload.Manifest);
        Assert.Equal(7, restored.Version);
        var topic = Assert.Single(restored.Topics);
        Assert.Equal((snapshot.Topics[0].TopicId, 2, "4096"), (topic.TopicId, topic.PartitionCount, topic.Configs["segment.bytes"]));
    }

    [Fact]
    public void RoundTrip_SnapshotWithPendingDeletions_RestoresThem()
    {
        var registry = SerializationRegistry.CreateDefault();
        TopicEventSerializer.Register(registry);
        var pendingId = Guid.NewGuid();
        var snapshot = new TopicManagerSnapshot(9, [], [new TopicEvents.TopicCreated("gone", pendingId, 3, 1, new Dictionary<string, string>(), 5)]);

        var payload = registry.Serialize(snapshot);
        var restored = Assert.IsType<TopicManagerSnapshot>(registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest));

        var pending = Assert.Single(restored.PendingDeletions!);
        Assert.Equal(("gone", pendingId, 3), (pending.Name, pending.TopicId, pending.PartitionCount));
    }

    [Fact]
    public void FromBinary_SnapshotWrittenBeforePendingDeletions_HasNone()
    {
        var json = """{"Version":3,"Topics":[]}"""u8.ToArray();

        var restored = Assert.IsType<TopicManagerSnapshot>(TopicEventSerializer.Instance.FromBinary(json, "TopicManagerSnapshot.v1"));

        Assert.Equal(3, restored.Version);
        Assert.Null(restored.PendingDeletions);
    }
}
