using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Forward-only reader of Kafka's primitive encodings (big-endian integers, classic and compact
/// strings, bytes and arrays, varints, tagged-field sections) over one contiguous frame.
/// <para>
/// The reader keeps the <see cref="ReadOnlyMemory{T}"/> it was created over so that
/// <c>records</c> fields can be returned as zero-copy slices of the frame: such slices stay valid
/// only while the caller keeps the frame's buffer alive. Every other value is copied out
/// (strings, <c>bytes</c> fields). Any input that does not fit the encoding raises
/// <see cref="KafkaProtocolException"/>, never another exception type. Not thread-safe (a ref struct).
/// </para>
/// </summary>
public ref struct KafkaReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public KafkaReader(ReadOnlyMemory<byte> buffer)
    {
        _memory = buffer;
        _span = buffer.Span;
        _position = 0;
    }

    /// <summary>Position in bytes from the start of the buffer.</summary>
    public readonly int Position => _position;

    /// <summary>Total length of the buffer.</summary>
    public readonly int Length => _span.Length;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _span.Length - _position;

    /// <summary>True once every byte has been read.</summary>
    public readonly bool End => _position == _span.Length;

    /// <summary>
    /// Creates a reader over a sequence. A single-segment sequence is read in place; a
    /// multi-segment one is copied once into a contiguous array (the listener normally hands
    /// over contiguous frames, so this is the rare path).
    /// </summary>
    public static KafkaReader Create(in ReadOnlySequence<byte> sequence) =>
        sequence.IsSingleSegment ? new KafkaReader(sequence.First) : new KafkaReader(sequence.ToArray());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_span.Length - _position))
        {
            ThrowHelper.ThrowTruncated();
        }

        var slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }

    public bool ReadBoolean() => ReadUInt8() != 0;

    public sbyte ReadInt8() => (sbyte)ReadUInt8();

    public byte ReadUInt8()
    {
        if (_position >= _span.Length)
        {
            ThrowHelper.ThrowTruncated();
        }

        return _span[_position++];
    }

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public double ReadFloat64() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    /// <summary>Reads a 16-byte UUID (Kafka writes the most significant byte first).</summary>
    public Guid ReadUuid() => new(Take(16), bigEndian: true);

    public uint ReadUnsignedVarInt()
    {
        int n = VarInt.TryReadUnsigned(_span[_position..], out uint value);
        if (n <= 0)
        {
            ThrowBadVarInt(n);
        }

        _position += n;
        return value;
    }

    public ulong ReadUnsignedVarLong()
    {
        int n = VarInt.TryReadUnsigned(_span[_position..], out ulong value);
        if (n <= 0)
        {
            ThrowBadVarInt(n);
        }

        _position += n;
        return value;
    }

    public int ReadVarInt() => VarInt.ZigZagDecode(ReadUnsignedVarInt());

    public long ReadVarLong() => VarInt.ZigZagDecode(ReadUnsignedVarLong());

    private static void ThrowBadVarInt(int n)
    {
        if (n == 0)
        {
            ThrowHelper.ThrowTruncated();
        }

        ThrowHelper.ThrowMalformed("Varint is too long.");
    }

    /// <summary>Reads an unsigned varint that must fit a non-negative int.</summary>
    private int ReadUnsignedVarIntAsInt()
    {
        uint value = ReadUnsignedVarInt();
        if (value > int.MaxValue)
        {
            ThrowHelper.ThrowMalformed("Unsigned varint length exceeds 2^31-1.");
        }

        return (int)value;
    }

    /// <summary>Reads a length prefix; returns -1 for null, else a length that fits the remaining bytes.</summary>
    private int ReadLength(bool compact, bool wide)
    {
        int length;
        if (compact)
        {
            length = ReadUnsignedVarIntAsInt() - 1;
        }
        else
        {
            length = wide ? ReadInt32() : ReadInt16();
            if (length < -1)
            {
                ThrowHelper.ThrowMalformed($"Negative length {length}.");
            }
        }

        if (length > Remaining)
        {
            ThrowHelper.ThrowTruncated();
        }

        return length;
    }

    /// <summary>Reads a non-null string (classic int16 length or compact uvarint length+1).</summary>
    public string ReadString(bool compact)
    {
        int length = ReadLength(compact, wide: false);
        if (length < 0)
        {
            ThrowHelper.ThrowUnexpectedNull("string");
        }

        return length == 0 ? string.Empty : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads a nullable string (classic length -1 or compact 0 = null).</summary>
    public string? ReadNullableString(bool compact)
    {
        int length = ReadLength(compact, wide: false);
        if (length < 0)
        {
            return null;
        }

        return length == 0 ? string.Empty : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads non-null bytes (classic int32 length or compact) into a new array.</summary>
    public byte[] ReadBytes(bool compact)
    {
        int length = ReadLength(compact, wide: true);
        if (length < 0)
        {
            ThrowHelper.ThrowUnexpectedNull("bytes");
        }

        return length == 0 ? [] : Take(length).ToArray();
    }

    /// <summary>Reads nullable bytes into a new array.</summary>
    public byte[]? ReadNullableBytes(bool compact)
    {
        int length = ReadLength(compact, wide: true);
        if (length < 0)
        {
            return null;
        }

        return length == 0 ? [] : Take(length).ToArray();
    }

    /// <summary>
    /// Reads a <c>records</c> field (nullable bytes) as a zero-copy slice of the frame; null when
    /// the length is -1 (compact 0). The slice is valid while the frame's buffer is.
    /// </summary>
    public ReadOnlyMemory<byte>? ReadRecords(bool compact)
    {
        int length = ReadLength(compact, wide: true);
        if (length < 0)
        {
            return null;
        }

        var slice = _memory.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes as a span of the frame.</summary>
    public ReadOnlySpan<byte> ReadRawSpan(int count)
    {
        if (count < 0)
        {
            ThrowHelper.ThrowMalformed($"Negative length {count}.");
        }

        return Take(count);
    }

    /// <summary>
    /// Reads an array count (classic int32, -1 = null; compact uvarint count+1, 0 = null) and
    /// returns it, or -1 for null. Rejects null when <paramref name="nullable"/> is false and
    /// counts larger than the remaining bytes (every element takes at least one byte), so a
    /// hostile count cannot make a decoder allocate.
    /// </summary>
    public int ReadArrayLength(bool compact, bool nullable)
    {
        int count;
        if (compact)
        {
            count = ReadUnsignedVarIntAsInt() - 1;
        }
        else
        {
            count = ReadInt32();
            if (count < -1)
            {
                ThrowHelper.ThrowMalformed($"Negative array length {count}.");
            }
        }

        if (count < 0)
        {
            if (!nullable)
            {
                ThrowHelper.ThrowUnexpectedNull("array");
            }

            return -1;
        }

        if (count > Remaining)
        {
            ThrowHelper.ThrowTruncated();
        }

        return count;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => Take(count);

    /// <summary>Reads the count of a tagged-field section.</summary>
    public int ReadTaggedFieldCount()
    {
        int count = ReadUnsignedVarIntAsInt();
        if (count > Remaining)
        {
            ThrowHelper.ThrowTruncated();
        }

        return count;
    }

    /// <summary>
    /// Reads a tagged field's tag and size and returns the tag; <paramref name="end"/> receives
    /// the position where the field's bytes end. Call <see cref="EndTaggedField"/> after reading
    /// (or not reading, for an unknown tag) the value.
    /// </summary>
    public int BeginTaggedField(out int end)
    {
        int tag = ReadUnsignedVarIntAsInt();
        int size = ReadUnsignedVarIntAsInt();
        if (size > Remaining)
        {
            ThrowHelper.ThrowTruncated();
        }

        end = _position + size;
        return tag;
    }

    /// <summary>Moves to the end of a tagged field, skipping what was not read; fails if the value overran its size.</summary>
    public void EndTaggedField(int end)
    {
        if (_position > end)
        {
            ThrowHelper.ThrowMalformed("Tagged field value is longer than its declared size.");
        }

        _position = end;
    }

    /// <summary>Reads and discards a whole tagged-field section.</summary>
    public void SkipTaggedFields()
    {
        int count = ReadTaggedFieldCount();
        for (int i = 0; i < count; i++)
        {
            BeginTaggedField(out int end);
            EndTaggedField(end);
        }
    }
}
