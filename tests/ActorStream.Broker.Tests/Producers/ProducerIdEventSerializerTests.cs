using ActorStream.Broker.Producers;
using ActorStream.Serialization;

namespace ActorStream.Broker.Tests.Producers;

public sealed class ProducerIdEventSerializerTests
{
    [Theory]
    [InlineData(0L, 1000)]
    [InlineData(long.MaxValue - 5, 5)]
    public void RoundTrip_ThroughRegistry_RestoresTheBlock(long firstId, int size)
    {
        var registry = SerializationRegistry.CreateDefault();
        ProducerIdEventSerializer.Register(registry);

        var payload = registry.Serialize(new ProducerIdBlockAllocated(firstId, size));
        var restored = registry.Deserialize(payload.Bytes.ToArray(), payload.SerializerId, payload.Manifest);

        Assert.Equal(ProducerIdEventSerializer.Id, payload.SerializerId);
        Assert.Equal("PidBlock.v1", payload.Manifest);
        Assert.Equal(new ProducerIdBlockAllocated(firstId, size), restored);
    }

    [Fact]
    public void ToBinary_Block_BigEndianIdThenSize()
    {
        var bytes = ProducerIdEventSerializer.Instance.ToBinary(new ProducerIdBlockAllocated(0x0102, 0x0304));

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4 }, bytes);
    }

    [Fact]
    public void FromBinary_UnknownManifestOrSize_Throws()
    {
        Assert.Throws<SerializerNotFoundException>(() => ProducerIdEventSerializer.Instance.FromBinary(new byte[12], "Other.v1"));
        Assert.Throws<InvalidOperationException>(() => ProducerIdEventSerializer.Instance.FromBinary(new byte[5], "PidBlock.v1"));
    }
}
