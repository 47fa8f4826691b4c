using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Client;

/// <summary>The built-in deserializers, the inverses of <see cref="Serializers"/>. Integers are big-endian, as in the Java client.</summary>
public static class Deserializers
{
    /// <summary>UTF-8 strings; a null key or value is a null string.</summary>
    public static IDeserializer<string> Utf8 { get; } = new Utf8Deserializer();

    /// <summary>A copy of the bytes; a null key or value is a null array.</summary>
    public static IDeserializer<byte[]> ByteArray { get; } = new ByteArrayDeserializer();

    /// <summary>Four bytes, big-endian; throws for null or other lengths.</summary>
    public static IDeserializer<int> Int32 { get; } = new Int32Deserializer();

    /// <summary>Eight bytes, big-endian; throws for null or other lengths.</summary>
    public static IDeserializer<long> Int64 { get; } = new Int64Deserializer();

    /// <summary>Only null keys or values; throws for any bytes.</summary>
    public static IDeserializer<Null> Null { get; } = new NullDeserializer();

    /// <summary>Skips the key or value without looking at it (always null).</summary>
    public static IDeserializer<Ignore> Ignore { get; } = new IgnoreDeserializer();

    /// <summary>The deserializer used when none is set for <typeparamref name="T"/>, or null if there is none.</summary>
    /// <typeparam name="T">The key or value type.</typeparam>
    internal static IDeserializer<T>? Default<T>()
    {
        object? deserializer = typeof(T) == typeof(string) ? Utf8
            : typeof(T) == typeof(byte[]) ? ByteArray
            : typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(Null) ? Null
            : typeof(T) == typeof(Ignore) ? Ignore
            : null;
        return (IDeserializer<T>?)deserializer;
    }

    private sealed class Utf8Deserializer : IDeserializer<string>
    {
        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null! : Encoding.UTF8.GetString(data);
    }

    private sealed class ByteArrayDeserializer : IDeserializer<byte[]>
    {
        public byte[] Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null! : data.ToArray();
    }

    private sealed class Int32Deserializer : IDeserializer<int>
    {
        public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (isNull)
            {
                throw new ArgumentNullException(nameof(data), $"A null {context.Component.ToString().ToLowerInvariant()} cannot be deserialized as Int32.");
            }

            if (data.Length != 4)
            {
                throw new ArgumentException($"Int32 needs 4 bytes, the {context.Component.ToString().ToLowerInvariant()} has {data.Length}.", nameof(data));
            }

            return BinaryPrimitives.ReadInt32BigEndian(data);
        }
    }

    private sealed class Int64Deserializer : IDeserializer<long>
    {
        public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (isNull)
            {
                throw new ArgumentNullException(nameof(data), $"A null {context.Component.ToString().ToLowerInvariant()} cannot be deserialized as Int64.");
            }

            if (data.Length != 8)
            {
                throw new ArgumentException($"Int64 needs 8 bytes, the {context.Component.ToString().ToLowerInvariant()} has {data.Length}.", nameof(data));
            }

            return BinaryPrimitives.ReadInt64BigEndian(data);
        }
    }

    private sealed class NullDeserializer : IDeserializer<Null>
    {
        public Null Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null! : throw new ArgumentException($"The {context.Component.ToString().ToLowerInvariant()} is not null; Deserializers.Null only reads null.", nameof(data));
    }

    private sealed class IgnoreDeserializer : IDeserializer<Ignore>
    {
        public Ignore Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => null!;
    }
}
