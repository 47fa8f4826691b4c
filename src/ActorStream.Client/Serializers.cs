using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Client;

/// <summary>The built-in serializers. Integers are big-endian, as in the Java client's serializers.</summary>
public static class Serializers
{
    /// <summary>UTF-8 strings; a null string is a null key or value.</summary>
    public static IBufferSerializer<string> Utf8 { get; } = new Utf8Serializer();

    /// <summary>Always null (for <see cref="Client.Null"/> keys or values).</summary>
    public static IBufferSerializer<Null> Null { get; } = new NullSerializer();

    /// <summary>Four bytes, big-endian.</summary>
    public static IBufferSerializer<int> Int32 { get; } = new Int32Serializer();

    /// <summary>Eight bytes, big-endian.</summary>
    public static IBufferSerializer<long> Int64 { get; } = new Int64Serializer();

    /// <summary>The bytes as they are; a null array is a null key or value.</summary>
    public static IBufferSerializer<byte[]> ByteArray { get; } = new ByteArraySerializer();

    /// <summary>The serializer used when none is set for <typeparamref name="T"/>, or null if there is none.</summary>
    /// <typeparam name="T">The key or value type.</typeparam>
    internal static ISerializer<T>? Default<T>()
    {
        object? serializer = typeof(T) == typeof(string) ? Utf8
            : typeof(T) == typeof(Null) ? Null
            : typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(byte[]) ? ByteArray
            : null;
        return (ISerializer<T>?)serializer;
    }

    private sealed class Utf8Serializer : IBufferSerializer<string>
    {
        public byte[]? Serialize(string data, SerializationContext context) => data is null ? null : Encoding.UTF8.GetBytes(data);

        public bool Serialize(string data, SerializationContext context, IBufferWriter<byte> output)
        {
            if (data is null)
            {
                return false;
            }

            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(data.Length));
            output.Advance(Encoding.UTF8.GetBytes(data, span));
            return true;
        }
    }

    private sealed class NullSerializer : IBufferSerializer<Null>
    {
        public byte[]? Serialize(Null data, SerializationContext context) => null;

        public bool Serialize(Null data, SerializationContext context, IBufferWriter<byte> output) => false;
    }

    private sealed class Int32Serializer : IBufferSerializer<int>
    {
        public byte[]? Serialize(int data, SerializationContext context)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, data);
            return bytes;
        }

        public bool Serialize(int data, SerializationContext context, IBufferWriter<byte> output)
        {
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), data);
            output.Advance(4);
            return true;
        }
    }

    private sealed class Int64Serializer : IBufferSerializer<long>
    {
        public byte[]? Serialize(long data, SerializationContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, data);
            return bytes;
        }

        public bool Serialize(long data, SerializationContext context, IBufferWriter<byte> output)
        {
            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), data);
            output.Advance(8);
            return true;
        }
    }

    private sealed class ByteArraySerializer : IBufferSerializer<byte[]>
    {
        public byte[]? Serialize(byte[] data, SerializationContext context) => data;

        public bool Serialize(byte[] data, SerializationContext context, IBufferWriter<byte> output)
        {
            if (data is null)
            {
                return false;
            }

            output.Write(data);
            return true;
        }
    }
}
