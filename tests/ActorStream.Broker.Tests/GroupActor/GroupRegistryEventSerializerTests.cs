using ActorStream.Broker.Groups;
using ActorStream.Serialization;

namespace ActorStream.Broker.Tests.GroupActor;

public sealed class GroupRegistryEventSerializerTests
{
    public static TheoryData<object> Stored() => new()
    {
        new GroupRegistryEvents.GroupRegistered("orders-consumers"),
        new GroupRegistryEvents.GroupUnregistered(string.Empty),
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void RoundTrip_ThroughRegistry_RestoresEqualEvent(object stored)
    {
        var registry = SerializationRegistry.CreateDefault();
        GroupRegistryEventSerializer.Register(registry);

        var payload = registry.Serialize(stored);
        var restored = registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest);

        Assert.Equal(GroupRegistryEventSerializer.Id, payload.SerializerId);
        Assert.Equal(stored, restored);
    }

    [Fact]
    public void RoundTrip_Snapshot_RestoresIds()
    {
        var registry = SerializationRegistry.CreateDefault();
        GroupRegistryEventSerializer.Register(registry);

        var payload = registry.Serialize(new GroupRegistrySnapshot(["a", "b"]));
        var restored = (GroupRegistrySnapshot)registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest);

        Assert.Equal(["a", "b"], restored.GroupIds);
    }

    [Fact]
    public void FromBinary_UnknownManifest_Throws()
    {
        Assert.Throws<SerializerNotFoundException>(() => GroupRegistryEventSerializer.Instance.FromBinary([], "Nope.v1"));
    }
}
