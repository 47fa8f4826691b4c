using System.Buffers.Binary;
using ActorStream.Serialization;

namespace ActorStream.Broker.Producers;

/// <summary>
/// Serializes <see cref="ProducerIdBlockAllocated"/>: 8 bytes first id then 4 bytes size, big-endian, under
/// manifest <c>PidBlock.v1</c> and serializer id <see cref="Id"/>; neither ever changes. Thread-safe.
/// </summary>
public sealed class ProducerIdEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every event.</summary>
    public const int Id = 103;

    private const string BlockManifest = "PidBlock.v1";
    private const int BlockSize = 12;

    /// <summary>The single instance.</summary>
    public static ProducerIdEventSerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Binds the producer-id events to this serializer in <paramref name="registry"/> (idempotent).</summary>
    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Bind<ProducerIdBlockAllocated>(Instance);
    }

    /// <inheritdoc />
    public override string Manifest(object obj) => obj is ProducerIdBlockAllocated
        ? BlockManifest
        : throw new ArgumentException($"{nameof(ProducerIdEventSerializer)} cannot serialize {obj?.GetType().FullName}", nameof(obj));

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        if (obj is not ProducerIdBlockAllocated block)
        {
            throw new ArgumentException($"{nameof(ProducerIdEventSerializer)} cannot serialize {obj?.GetType().FullName}", nameof(obj));
        }

        var bytes = new byte[BlockSize];
        BinaryPrimitives.WriteInt64BigEndian(bytes, block.FirstId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), block.Size);
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!string.Equals(manifest, BlockManifest, StringComparison.Ordinal))
        {
            throw new SerializerNotFoundException($"Unknown producer-id event manifest '{manifest}'");
        }

        if (bytes.Length != BlockSize)
        {
            throw new InvalidOperationException($"A stored producer-id block has {bytes.Length} bytes, expected {BlockSize}");
        }

        return new ProducerIdBlockAllocated(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)));
    }
}
