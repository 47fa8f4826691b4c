using System.Buffers.Binary;
using System.Text;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Tck;

/// <summary>Serializes <see cref="OrderedBatch"/> (id 1001, manifest "OB"): three little-endian longs, then the UTF-8 body.</summary>
public sealed class OrderedBatchSerializer : SerializerWithStringManifest
{
    /// <inheritdoc />
    public override int Identifier => 1001;

    /// <inheritdoc />
    public override string Manifest(object obj) => "OB";

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var batch = (OrderedBatch)obj;
        var body = Encoding.UTF8.GetBytes(batch.Body);
        var bytes = new byte[24 + body.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, batch.FirstOffset);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), batch.LastOffset);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), batch.MaxTimestamp);
        body.CopyTo(bytes, 24);
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == "OB"
            ? new OrderedBatch(
                BinaryPrimitives.ReadInt64LittleEndian(bytes),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)),
                Encoding.UTF8.GetString(bytes, 24, bytes.Length - 24))
            : throw new ArgumentException($"Unknown manifest '{manifest}'.", nameof(manifest));
}
