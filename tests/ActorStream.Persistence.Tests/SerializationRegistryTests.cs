using System.Buffers;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Tests;

public sealed class SerializationRegistryTests
{
    private interface IShape;

    private sealed record Circle(int Radius) : IShape;

    private class Animal;

    private sealed class Dog : Animal;

    private sealed class NamedSerializer(int id) : Serializer
    {
        public override int Identifier => id;

        public override bool IncludeManifest => true;

        public override byte[] ToBinary(object obj) => [];

        public override object FromBinary(byte[] bytes, Type? type) => Activator.CreateInstance(type!, nonPublic: true)!;
    }

    [Fact]
    public void FindSerializerFor_UnboundType_ThrowsNamingTheType()
    {
        var registry = SerializationRegistry.CreateDefault();

        var error = Assert.Throws<SerializerNotFoundException>(() => registry.FindSerializerFor(new Circle(1)));

        Assert.Contains(typeof(Circle).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindSerializerFor_InterfaceBinding_MatchesImplementors()
    {
        var serializer = new NamedSerializer(200);
        var registry = new SerializationRegistry().Bind<IShape>(serializer);

        Assert.Same(serializer, registry.FindSerializerFor(new Circle(3)));
    }

    [Fact]
    public void FindSerializerFor_BaseAndExactBindings_MostSpecificWins()
    {
        var forAnimal = new NamedSerializer(201);
        var forDog = new NamedSerializer(202);
        var registry = new SerializationRegistry().Bind<Animal>(forAnimal).Bind<Dog>(forDog);

        Assert.Same(forDog, registry.FindSerializerFor(new Dog()));
        Assert.Same(forAnimal, registry.FindSerializerFor(new Animal()));
    }

    [Fact]
    public void Add_TwoSerializerTypesWithOneId_Throws()
    {
        var registry = new SerializationRegistry().Add(new NamedSerializer(300));

        Assert.Throws<ArgumentException>(() => registry.Add(new OrderedBatchSerializerWithId300()));
    }

    [Fact]
    public void Serialize_ByteArray_ReturnsTheSameMemoryWithoutCopying()
    {
        var registry = SerializationRegistry.CreateDefault();
        var bytes = new byte[] { 1, 2, 3 };

        var serialized = registry.Serialize(bytes);

        Assert.Equal(ByteArraySerializer.Id, serialized.SerializerId);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(serialized.Bytes, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public void Serialize_PooledMemoryOwner_ReturnsItsMemory()
    {
        var registry = SerializationRegistry.CreateDefault();
        using var owner = MemoryPool<byte>.Shared.Rent(16);
        owner.Memory.Span.Fill(9);

        var serialized = registry.Serialize(owner);

        Assert.True(serialized.Bytes.Span.SequenceEqual(owner.Memory.Span));
        Assert.Equal(owner.Memory.Length, serialized.Bytes.Length);
    }

    [Theory]
    [InlineData("text", "S")]
    [InlineData(7, "I")]
    [InlineData(7L, "L")]
    [InlineData(true, "B")]
    [InlineData(2.5, "D")]
    public void Deserialize_Primitive_RoundTripsValueAndType(object value, string manifest)
    {
        var registry = SerializationRegistry.CreateDefault();

        var serialized = registry.Serialize(value);
        var back = registry.Deserialize(serialized.Bytes.ToArray(), serialized.SerializerId, serialized.Manifest);

        Assert.Equal(PrimitiveSerializer.Id, serialized.SerializerId);
        Assert.Equal(manifest, serialized.Manifest);
        Assert.Equal(value, back);
    }

    [Fact]
    public void Deserialize_UnknownSerializerId_ThrowsNamingTheId()
    {
        var error = Assert.Throws<SerializerNotFoundException>(() => SerializationRegistry.CreateDefault().Deserialize([], 4242, string.Empty));

        Assert.Contains("4242", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TypeManifestOfUnboundType_IsRefused()
    {
        var serializer = new NamedSerializer(210);
        var registry = new SerializationRegistry().Bind<Animal>(serializer);

        var ok = registry.Deserialize([], 210, SerializationRegistry.TypeManifest(typeof(Dog)));
        var error = Assert.Throws<SerializerNotFoundException>(
            () => registry.Deserialize([], 210, SerializationRegistry.TypeManifest(typeof(Circle))));

        Assert.IsType<Dog>(ok);
        Assert.Contains("not bound", error.Message, StringComparison.Ordinal);
    }

    private sealed class OrderedBatchSerializerWithId300 : Serializer
    {
        public override int Identifier => 300;

        public override bool IncludeManifest => false;

        public override byte[] ToBinary(object obj) => [];

        public override object FromBinary(byte[] bytes, Type? type) => bytes;
    }
}
