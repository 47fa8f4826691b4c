using ActorStream.Broker.Groups;
using ActorStream.Serialization;

namespace ActorStream.Broker.Tests.GroupActor;

public sealed class GroupCoordinatorActorEventSerializerTests
{
    public static TheoryData<IGroupEvent> Events() => new()
    {
        new GroupEvents.GroupCreated(1),
        new GroupEvents.MemberJoined("m1", "i1", "client", "/127.0.0.1", 10_000, 30_000, "consumer", [new MemberProtocol("range", new byte[] { 1, 2, 3 })]),
        new GroupEvents.MemberUpdated("m1", 11_000, 31_000, [new MemberProtocol("roundrobin", new byte[] { 9 })]),
        new GroupEvents.StaticMemberReplaced("i1", "m1", "m2"),
        new GroupEvents.MemberRemoved("m2", MemberRemovalReason.SessionTimeout),
        new GroupEvents.RebalanceStarted("joined", 5),
        new GroupEvents.GroupRebalanced(3, null, null, 6),
        new GroupEvents.AssignmentsStored(3, [new MemberAssignment("m1", new byte[] { 4, 5 })], 7),
        new GroupEvents.OffsetsCommitted([new CommittedOffset("t", 0, 42, 1, null, 8, 99)]),
        new GroupEvents.OffsetsExpired([new TopicPartition("t", 0)], 9),
        new GroupEvents.GroupDeleted(10),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void RoundTrip_ThroughRegistry_RestoresEqualEvent(IGroupEvent groupEvent)
    {
        var registry = SerializationRegistry.CreateDefault();
        GroupCoordinatorActorEventSerializer.Register(registry);

        var payload = registry.Serialize(groupEvent);
        var restored = registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest);

        Assert.Equal(GroupCoordinatorActorEventSerializer.Id, payload.SerializerId);
        Assert.EndsWith(".v1", payload.Manifest, StringComparison.Ordinal);
        Assert.IsType(groupEvent.GetType(), restored);
        Assert.Equal(Render(groupEvent), Render(restored));
    }

    [Fact]
    public void FromBinary_UnknownManifest_Throws()
    {
        Assert.Throws<SerializerNotFoundException>(() => GroupCoordinatorActorEventSerializer.Instance.FromBinary([], "Nope.v1"));
    }

    /// <summary>Records compare lists and memory by reference, so compare their JSON renderings.</summary>
    private static string Render(object value) => System.Text.Json.JsonSerializer.Serialize(value, value.GetType());
}
