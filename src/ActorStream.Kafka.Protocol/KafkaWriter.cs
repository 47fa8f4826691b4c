using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Writer of Kafka's primitive encodings into an <see cref="IBufferWriter{T}"/> (a PipeWriter, an
/// <see cref="ArrayBufferWriter{T}"/>, a pooled buffer). It buffers into the span last obtained
/// from the output and commits it with <see cref="Flush"/>, which the caller must invoke when done.
/// Frames are written size-first: codecs expose <c>ComputeSize</c>, and the <c>SizeOf*</c> helpers
/// here give the exact encoded size of each primitive. Writing never allocates except for the
/// output's own growth. Not thread-safe (a ref struct).
/// </summary>
public ref struct KafkaWriter
{
    internal const int MaxChunk = 64 * 1024;

    /// <summary>Records fields at least this long (and every <see cref="Records.RecordsSequence"/>) go to an <see cref="IRecordsSink"/> by reference; shorter ones are copied.</summary>
    public const int RecordsByReferenceMinimum = 1024;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    public KafkaWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _buffered = 0;
        _committed = 0;
    }

    /// <summary>Bytes written so far, committed or still buffered.</summary>
    public readonly long BytesWritten => _committed + _buffered;

    /// <summary>Commits buffered bytes to the output.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
        }

        _span = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_span.Length - _buffered < count)
        {
            Grow(count);
        }

        return _span.Slice(_buffered, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        Flush();
        _span = _output.GetSpan(count);
        if (_span.Length < count)
        {
            throw new InvalidOperationException("The output returned a span smaller than requested.");
        }
    }

    public void WriteBoolean(bool value) => WriteUInt8(value ? (byte)1 : (byte)0);

    public void WriteInt8(sbyte value) => WriteUInt8((byte)value);

    public void WriteUInt8(byte value)
    {
        Reserve(1)[0] = value;
        _buffered += 1;
    }

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);
        _buffered += 2;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);
        _buffered += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
        _buffered += 4;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);
        _buffered += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        _buffered += 8;
    }

    public void WriteFloat64(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(Reserve(8), value);
        _buffered += 8;
    }

    /// <summary>Writes a 16-byte UUID, most significant byte first.</summary>
    public void WriteUuid(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        _buffered += 16;
    }

    public void WriteUnsignedVarInt(uint value)
    {
        // Reserve may flush and reset _buffered, so it must run before _buffered is read.
        int n = VarInt.WriteUnsigned(Reserve(VarInt.MaxLength32), value);
        _buffered += n;
    }

    public void WriteUnsignedVarLong(ulong value)
    {
        int n = VarInt.WriteUnsigned(Reserve(VarInt.MaxLength64), value);
        _buffered += n;
    }

    public void WriteVarInt(int value) => WriteUnsignedVarInt(VarInt.ZigZagEncode(value));

    public void WriteVarLong(long value) => WriteUnsignedVarLong(VarInt.ZigZagEncode(value));

    /// <summary>Writes raw bytes, in chunks when they do not fit the current span.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int available = _span.Length - _buffered;
            if (available == 0)
            {
                Grow(Math.Min(data.Length, MaxChunk));
                available = _span.Length;
            }

            int n = Math.Min(available, data.Length);
            data[..n].CopyTo(_span[_buffered..]);
            _buffered += n;
            data = data[n..];
        }
    }

    private void WriteLength(int length, bool compact, bool wide)
    {
        if (compact)
        {
            WriteUnsignedVarInt((uint)(length + 1));
        }
        else if (wide)
        {
            WriteInt32(length);
        }
        else
        {
            if (length > short.MaxValue)
            {
                ThrowHelper.ThrowWriteOverflow("String", length);
            }

            WriteInt16((short)length);
        }
    }

    /// <summary>Writes a non-nullable string; a null value is written as the empty string.</summary>
    public void WriteString(string? value, bool compact)
    {
        value ??= string.Empty;
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLength(byteCount, compact, wide: false);
        WriteUtf8(value, byteCount);
    }

    /// <summary>Writes a nullable string (classic length -1 or compact 0 for null).</summary>
    public void WriteNullableString(string? value, bool compact)
    {
        if (value is null)
        {
            WriteLength(-1, compact, wide: false);
            return;
        }

        WriteString(value, compact);
    }

    private void WriteUtf8(string value, int byteCount)
    {
        if (byteCount == 0)
        {
            return;
        }

        if (byteCount <= MaxChunk)
        {
            Encoding.UTF8.GetBytes(value, Reserve(byteCount));
            _buffered += byteCount;
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            int n = Encoding.UTF8.GetBytes(value, rented);
            WriteRaw(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes non-nullable bytes (classic int32 length or compact).</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value, bool compact)
    {
        WriteLength(value.Length, compact, wide: true);
        WriteRaw(value);
    }

    /// <summary>Writes nullable bytes; null is written as length -1 (compact 0).</summary>
    public void WriteNullableBytes(byte[]? value, bool compact)
    {
        if (value is null)
        {
            WriteLength(-1, compact, wide: true);
            return;
        }

        WriteBytes(value, compact);
    }

    /// <summary>
    /// Writes a <c>records</c> field; null is written as length -1 (compact 0). When the output is an
    /// <see cref="IRecordsSink"/> and the field is large or a <see cref="Records.RecordsSequence"/> (whose
    /// lease the sink then releases), the bytes are handed over by reference instead of copied.
    /// </summary>
    public void WriteRecords(ReadOnlyMemory<byte>? value, bool compact)
    {
        if (value is not { } records)
        {
            WriteLength(-1, compact, wide: true);
            return;
        }

        if (_output is IRecordsSink sink && (records.Length >= RecordsByReferenceMinimum || Records.RecordsSequence.TryGetSegments(records, out _)))
        {
            WriteLength(records.Length, compact, wide: true);
            Flush();
            sink.AppendRecords(records);
            _committed += records.Length;
            return;
        }

        WriteBytes(records.Span, compact);
    }

    /// <summary>Writes an array count; -1 writes a null array.</summary>
    public void WriteArrayLength(int count, bool compact) => WriteLength(count, compact, wide: true);

    /// <summary>Writes an empty tagged-field section (the single byte 0).</summary>
    public void WriteEmptyTaggedFields() => WriteUInt8(0);

    public static int SizeOfUnsignedVarInt(uint value) => VarInt.SizeOfUnsigned(value);

    public static int SizeOfString(string? value, bool compact)
    {
        int byteCount = value is null ? 0 : Encoding.UTF8.GetByteCount(value);
        return byteCount + (compact ? VarInt.SizeOfUnsigned((uint)(byteCount + 1)) : 2);
    }

    public static int SizeOfNullableString(string? value, bool compact) =>
        value is null ? (compact ? 1 : 2) : SizeOfString(value, compact);

    public static int SizeOfBytes(int length, bool compact) =>
        length + (compact ? VarInt.SizeOfUnsigned((uint)(length + 1)) : 4);

    public static int SizeOfNullableBytes(byte[]? value, bool compact) =>
        value is null ? (compact ? 1 : 4) : SizeOfBytes(value.Length, compact);

    public static int SizeOfRecords(ReadOnlyMemory<byte>? value, bool compact) =>
        value is { } records ? SizeOfBytes(records.Length, compact) : (compact ? 1 : 4);

    public static int SizeOfArrayLength(int count, bool compact) =>
        compact ? VarInt.SizeOfUnsigned((uint)(count + 1)) : 4;
}
