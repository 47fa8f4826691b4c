using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Serialization;

/// <summary>
/// Strings and primitive numbers (Akka's primitives serializer, id 17): manifest <c>S</c> = UTF-8
/// string, <c>I</c> = 32-bit and <c>L</c> = 64-bit little-endian integer, <c>B</c> = boolean (one
/// byte), <c>D</c> = IEEE double little-endian. Stateless and thread-safe.
/// </summary>
public sealed class PrimitiveSerializer : SerializerWithStringManifest
{
    /// <summary>Akka's reserved id for primitives.</summary>
    public const int Id = 17;

    /// <summary>The shared instance.</summary>
    public static PrimitiveSerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object obj) => obj switch
    {
        string => "S",
        int => "I",
        long => "L",
        bool => "B",
        double => "D",
        _ => throw new ArgumentException($"{nameof(PrimitiveSerializer)} cannot serialize {obj.GetType().FullName}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case string s:
                return Encoding.UTF8.GetBytes(s);
            case int i:
                {
                    var b = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(b, i);
                    return b;
                }

            case long l:
                {
                    var b = new byte[8];
                    BinaryPrimitives.WriteInt64LittleEndian(b, l);
                    return b;
                }

            case bool flag:
                return [flag ? (byte)1 : (byte)0];
            case double d:
                {
                    var b = new byte[8];
                    BinaryPrimitives.WriteDoubleLittleEndian(b, d);
                    return b;
                }

            default:
                throw new ArgumentException($"{nameof(PrimitiveSerializer)} cannot serialize {obj.GetType().FullName}.", nameof(obj));
        }
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "S" => Encoding.UTF8.GetString(bytes),
        "I" => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        "L" => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        "B" => bytes[0] != 0,
        "D" => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => throw new ArgumentException($"{nameof(PrimitiveSerializer)} does not know manifest '{manifest}'.", nameof(manifest)),
    };
}
