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
}
