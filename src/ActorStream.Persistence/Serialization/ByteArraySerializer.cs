using System.Buffers;
using System.Runtime.InteropServices;

namespace ActorStream.Serialization;

/// <summary>
/// Raw bytes stored as they are (Akka's bytes serializer, id 4). Binds <c>byte[]</c>,
/// <see cref="ReadOnlyMemory{T}"/>/<see cref="Memory{T}"/> of bytes, <see cref="ArraySegment{T}"/>
/// and <see cref="IMemoryOwner{T}"/> (pooled buffers). Writing is zero-copy: the journal receives the
/// caller's memory (<see cref="TryGetBinary"/>), so the caller must keep it unchanged until the write
/// is acknowledged. Replay always yields a <c>byte[]</c>. Stateless and thread-safe.
/// </summary>
public sealed class ByteArraySerializer : Serializer
{
    /// <summary>Akka's reserved id for the bytes serializer.</summary>
    public const int Id = 4;

    /// <summary>The shared instance.</summary>
    public static ByteArraySerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override bool TryGetBinary(object obj, out ReadOnlyMemory<byte> bytes)
    {
        switch (obj)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> rom:
                bytes = rom;
                return true;
            case Memory<byte> memory:
                bytes = memory;
                return true;
            case ArraySegment<byte> segment:
                bytes = segment;
                return true;
            case IMemoryOwner<byte> owner:
                bytes = owner.Memory;
                return true;
            default:
                bytes = default;
                return false;
        }
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        if (obj is byte[] array)
        {
            return array;
        }

        if (!TryGetBinary(obj, out var memory))
        {
            throw new ArgumentException($"{nameof(ByteArraySerializer)} cannot serialize {obj.GetType().FullName}.", nameof(obj));
        }

        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type? type) => bytes;
}
