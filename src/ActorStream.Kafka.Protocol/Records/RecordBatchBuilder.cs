using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Encodes records into one RecordBatch v2 (uncompressed or gzip), for tests, the benchmark load
/// generator and the client. Records are encoded as they are appended into a pooled buffer;
/// <see cref="Build"/> or <see cref="WriteTo"/> adds the header, compresses if asked and computes
/// the CRC-32C. Offset deltas are 0..n-1; baseTimestamp is the first record's timestamp and
/// maxTimestamp the largest (or <see cref="LogAppendTime"/> for LogAppendTime batches).
/// Dispose returns the buffer to the pool. Not thread-safe.
/// </summary>
public sealed class RecordBatchBuilder : IDisposable
{
    private readonly PooledBufferWriter _records = new(1024);
    private long _baseTimestamp;
    private long _maxTimestamp = long.MinValue;
    private int _count;

    public RecordBatchBuilder(CompressionCodec compression = CompressionCodec.None)
    {
        if (compression is not (CompressionCodec.None or CompressionCodec.Gzip))
        {
            throw new NotSupportedException($"Compression codec {compression} is not implemented.");
        }

        Compression = compression;
    }

    public CompressionCodec Compression { get; }

    public long BaseOffset { get; set; }

    public int PartitionLeaderEpoch { get; set; }

    /// <summary>-1 when the producer is not idempotent.</summary>
    public long ProducerId { get; set; } = -1;

    public short ProducerEpoch { get; set; } = -1;

    public int BaseSequence { get; set; } = -1;

    public bool IsTransactional { get; set; }

    public bool IsControl { get; set; }

    public TimestampType TimestampType { get; set; } = TimestampType.CreateTime;

    /// <summary>maxTimestamp written for a LogAppendTime batch.</summary>
    public long LogAppendTime { get; set; } = -1;

    /// <summary>Records appended so far.</summary>
    public int Count => _count;

    /// <summary>
    /// Appends a record. A null <paramref name="key"/> or <paramref name="value"/> (the nullable,
    /// not an empty memory) is encoded as length -1 (a null key; a tombstone value).
    /// </summary>
    public void Append(long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, ReadOnlySpan<RecordHeaderEntry> headers = default)
    {
        if (_count == 0)
        {
            _baseTimestamp = timestamp;
        }

        _maxTimestamp = Math.Max(_maxTimestamp, timestamp);
        long timestampDelta = timestamp - _baseTimestamp;
        int offsetDelta = _count;

        int bodySize = 1 + VarInt.SizeOf(timestampDelta) + VarInt.SizeOf(offsetDelta)
            + SizeOfVarBytes(key) + SizeOfVarBytes(value) + VarInt.SizeOf(headers.Length);
        foreach (var header in headers)
        {
            int keyBytes = Encoding.UTF8.GetByteCount(header.Key);
            bodySize += VarInt.SizeOf(keyBytes) + keyBytes + SizeOfVarBytes(header.Value);
        }

        var span = _records.GetSpan(VarInt.MaxLength32 + bodySize);
        int p = VarInt.Write(span, bodySize);
        span[p++] = 0; // attributes
        p += VarInt.Write(span[p..], timestampDelta);
        p += VarInt.Write(span[p..], offsetDelta);
        p += WriteVarBytes(span[p..], key);
        p += WriteVarBytes(span[p..], value);
        p += VarInt.Write(span[p..], headers.Length);
        foreach (var header in headers)
        {
            int keyBytes = Encoding.UTF8.GetByteCount(header.Key);
            p += VarInt.Write(span[p..], keyBytes);
            p += Encoding.UTF8.GetBytes(header.Key, span[p..]);
            p += WriteVarBytes(span[p..], header.Value);
        }

        _records.Advance(p);
        _count++;
    }

    /// <summary>The encoded batch as a new array.</summary>
    public byte[] Build()
    {
        var output = new ArrayBufferWriter<byte>(RecordBatch.HeaderSize + _records.WrittenCount);
        WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the encoded batch to <paramref name="output"/>; returns its size in bytes.</summary>
    public int WriteTo(IBufferWriter<byte> output)
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("A record batch needs at least one record.");
        }

        byte[]? compressed = Compression == CompressionCodec.None ? null : RecordCompression.Compress(Compression, _records.WrittenSpan);
        ReadOnlySpan<byte> body = compressed ?? _records.WrittenSpan;
        int size = RecordBatch.HeaderSize + body.Length;
        var span = output.GetSpan(size)[..size];

        short attributes = (short)Compression;
        if (TimestampType == TimestampType.LogAppendTime)
        {
            attributes |= RecordBatch.TimestampTypeFlag;
        }

        if (IsTransactional)
        {
            attributes |= RecordBatch.TransactionalFlag;
        }

        if (IsControl)
        {
            attributes |= RecordBatch.ControlFlag;
        }

        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatch.BaseOffsetOffset..], BaseOffset);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatch.BatchLengthOffset..], size - RecordBatch.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatch.PartitionLeaderEpochOffset..], PartitionLeaderEpoch);
        span[RecordBatch.MagicOffset] = RecordBatch.CurrentMagic;
        BinaryPrimitives.WriteInt16BigEndian(span[RecordBatch.AttributesOffset..], attributes);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatch.LastOffsetDeltaOffset..], _count - 1);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatch.BaseTimestampOffset..], _baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatch.MaxTimestampOffset..],
            TimestampType == TimestampType.LogAppendTime ? LogAppendTime : _maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatch.ProducerIdOffset..], ProducerId);
        BinaryPrimitives.WriteInt16BigEndian(span[RecordBatch.ProducerEpochOffset..], ProducerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatch.BaseSequenceOffset..], BaseSequence);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatch.RecordCountOffset..], _count);
        body.CopyTo(span[RecordBatch.HeaderSize..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[RecordBatch.CrcOffset..], Crc32C.Compute(span[RecordBatch.AttributesOffset..]));
        output.Advance(size);
        return size;
    }

    /// <summary>Forgets the appended records so the builder (and its buffer) can be reused.</summary>
    public void Reset()
    {
        _records.Clear();
        _count = 0;
        _maxTimestamp = long.MinValue;
    }

    public void Dispose() => _records.Dispose();

    private static int SizeOfVarBytes(ReadOnlyMemory<byte>? data) =>
        data is { } d ? VarInt.SizeOf(d.Length) + d.Length : 1;

    private static int WriteVarBytes(Span<byte> destination, ReadOnlyMemory<byte>? data)
    {
        if (data is not { } d)
        {
            return VarInt.Write(destination, -1);
        }

        int n = VarInt.Write(destination, d.Length);
        d.Span.CopyTo(destination[n..]);
        return n + d.Length;
    }
}
