using System.Buffers.Binary;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// A read-only view over one RecordBatch v2 (magic 2), Kafka versions 0.11+. Nothing is copied:
/// properties decode the header on demand from the underlying bytes, which the caller keeps
/// alive. In-place mutations (offset assignment, LogAppendTime) live in RecordBatch.Rewrite.cs
/// and operate on a writable span of the same bytes.
/// <code>
/// off len field
///   0   8 baseOffset            -- not covered by the CRC
///   8   4 batchLength           (bytes after this field = total - 12)
///  12   4 partitionLeaderEpoch  -- not covered by the CRC
///  16   1 magic (2)
///  17   4 crc (uint32, CRC-32C of bytes 21..end)
///  21   2 attributes            bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control, 6 delete horizon
///  23   4 lastOffsetDelta
///  27   8 baseTimestamp
///  35   8 maxTimestamp
///  43   8 producerId
///  51   2 producerEpoch
///  53   4 baseSequence
///  57   4 recordCount           (outside the compressed area)
///  61   . records               (one compressed blob when the codec is not None)
/// </code>
/// A readonly struct; safe to share between threads while the bytes do not change.
/// </summary>
public readonly partial struct RecordBatch
{
    public const int HeaderSize = 61;

    /// <summary>Bytes before the part counted by batchLength (baseOffset + batchLength).</summary>
    public const int LogOverhead = 12;

    public const byte CurrentMagic = 2;

    internal const int BaseOffsetOffset = 0;
    internal const int BatchLengthOffset = 8;
    internal const int PartitionLeaderEpochOffset = 12;
    internal const int MagicOffset = 16;
    internal const int CrcOffset = 17;
    internal const int AttributesOffset = 21;
    internal const int LastOffsetDeltaOffset = 23;
    internal const int BaseTimestampOffset = 27;
    internal const int MaxTimestampOffset = 35;
    internal const int ProducerIdOffset = 43;
    internal const int ProducerEpochOffset = 51;
    internal const int BaseSequenceOffset = 53;
    internal const int RecordCountOffset = 57;

    internal const short CompressionMask = 0x07;
    internal const short TimestampTypeFlag = 0x08;
    internal const short TransactionalFlag = 0x10;
    internal const short ControlFlag = 0x20;
    internal const short DeleteHorizonFlag = 0x40;

    private readonly ReadOnlyMemory<byte> _data;

    private RecordBatch(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The whole batch, header included.</summary>
    public ReadOnlyMemory<byte> Memory => _data;

    /// <summary>Total size in bytes (batchLength + 12).</summary>
    public int SizeInBytes => _data.Length;

    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(Span[BaseOffsetOffset..]);

    public int BatchLength => BinaryPrimitives.ReadInt32BigEndian(Span[BatchLengthOffset..]);

    public int PartitionLeaderEpoch => BinaryPrimitives.ReadInt32BigEndian(Span[PartitionLeaderEpochOffset..]);

    public byte Magic => Span[MagicOffset];

    /// <summary>The CRC stored in the batch.</summary>
    public uint Crc => BinaryPrimitives.ReadUInt32BigEndian(Span[CrcOffset..]);

    public short Attributes => BinaryPrimitives.ReadInt16BigEndian(Span[AttributesOffset..]);

    /// <summary>Compression codec from the attributes; the records are never decompressed to read it.</summary>
    public CompressionCodec Compression => (CompressionCodec)(Attributes & CompressionMask);

    public TimestampType TimestampType => (Attributes & TimestampTypeFlag) != 0 ? TimestampType.LogAppendTime : TimestampType.CreateTime;

    public bool IsTransactional => (Attributes & TransactionalFlag) != 0;

    public bool IsControl => (Attributes & ControlFlag) != 0;

    public bool HasDeleteHorizon => (Attributes & DeleteHorizonFlag) != 0;

    public int LastOffsetDelta => BinaryPrimitives.ReadInt32BigEndian(Span[LastOffsetDeltaOffset..]);

    public long BaseTimestamp => BinaryPrimitives.ReadInt64BigEndian(Span[BaseTimestampOffset..]);

    public long MaxTimestamp => BinaryPrimitives.ReadInt64BigEndian(Span[MaxTimestampOffset..]);

    public long ProducerId => BinaryPrimitives.ReadInt64BigEndian(Span[ProducerIdOffset..]);

    public short ProducerEpoch => BinaryPrimitives.ReadInt16BigEndian(Span[ProducerEpochOffset..]);

    public int BaseSequence => BinaryPrimitives.ReadInt32BigEndian(Span[BaseSequenceOffset..]);

    public int RecordCount => BinaryPrimitives.ReadInt32BigEndian(Span[RecordCountOffset..]);

    /// <summary>Offset of the last record (inclusive): baseOffset + lastOffsetDelta.</summary>
    public long LastOffset => BaseOffset + LastOffsetDelta;

    /// <summary>Offset after this batch (exclusive): the log-end offset once it is appended.</summary>
    public long NextOffset => LastOffset + 1;

    /// <summary>The records area (compressed blob when <see cref="Compression"/> is not None).</summary>
    public ReadOnlyMemory<byte> RecordsData => _data[HeaderSize..];

    private ReadOnlySpan<byte> Span => _data.Span;

    /// <summary>
    /// Slices the next batch off the front of <paramref name="records"/> (a <c>records</c> field:
    /// zero or more batches back to back). Only the 12-byte log overhead and the header size are
    /// checked here; call <see cref="Validate"/> for magic and CRC.
    /// </summary>
    public static RecordBatchReadResult TryReadNext(ref ReadOnlyMemory<byte> records, out RecordBatch batch)
    {
        batch = default;
        if (records.IsEmpty)
        {
            return RecordBatchReadResult.End;
        }

        var span = records.Span;
        if (span.Length < LogOverhead)
        {
            return RecordBatchReadResult.Partial;
        }

        int batchLength = BinaryPrimitives.ReadInt32BigEndian(span[BatchLengthOffset..]);
        if (batchLength < HeaderSize - LogOverhead)
        {
            return RecordBatchReadResult.Malformed;
        }

        if (batchLength > span.Length - LogOverhead)
        {
            return RecordBatchReadResult.Partial;
        }

        int size = batchLength + LogOverhead;
        batch = new RecordBatch(records[..size]);
        records = records[size..];
        return RecordBatchReadResult.Batch;
    }

    /// <summary>Wraps exactly one batch; throws <see cref="KafkaProtocolException"/> if the bytes are not one complete batch.</summary>
    public static RecordBatch Create(ReadOnlyMemory<byte> data)
    {
        var rest = data;
        if (TryReadNext(ref rest, out var batch) != RecordBatchReadResult.Batch || !rest.IsEmpty)
        {
            ThrowHelper.ThrowMalformed("The bytes are not exactly one complete record batch.");
        }

        return batch;
    }

    /// <summary>Iterates the complete batches of a records blob; stops at a partial or malformed tail.</summary>
    public static RecordBatchEnumerator Enumerate(ReadOnlyMemory<byte> records) => new(records);

    /// <summary>CRC-32C of bytes 21..end, computed now.</summary>
    public uint ComputeCrc() => Crc32C.Compute(Span[AttributesOffset..]);

    /// <summary>
    /// Checks magic, the CRC, then codec and record count. The CRC comes before the fields it covers
    /// (attributes to the end), so a damaged codec or count is reported as the corruption it is, as
    /// Kafka does. Allocation-free; cost is one pass of the CRC over the batch.
    /// </summary>
    public RecordBatchError Validate()
    {
        if (Magic != CurrentMagic)
        {
            return RecordBatchError.UnsupportedMagic;
        }

        if (ComputeCrc() != Crc)
        {
            return RecordBatchError.CrcMismatch;
        }

        if ((int)Compression > (int)CompressionCodec.Zstd)
        {
            return RecordBatchError.UnknownCompression;
        }

        int count = RecordCount;
        int lastOffsetDelta = LastOffsetDelta;
        if (count < 0 || lastOffsetDelta < 0 || (count > 0 && lastOffsetDelta < count - 1))
        {
            return RecordBatchError.InvalidRecordCount;
        }

        return RecordBatchError.None;
    }

    /// <summary>
    /// Iterates the records of an uncompressed batch without allocating. Throws
    /// <see cref="InvalidOperationException"/> for a compressed batch (decompress with
    /// <see cref="DecompressRecordsData"/> and use <see cref="RecordReader"/> directly).
    /// </summary>
    public RecordReader GetRecords()
    {
        if (Compression != CompressionCodec.None)
        {
            throw new InvalidOperationException($"The batch is compressed with {Compression}; decompress it first.");
        }

        return new RecordReader(RecordsData.Span, RecordCount);
    }

    /// <summary>
    /// The uncompressed records area as a new array (client side; the broker never calls this).
    /// Supports None and Gzip; other codecs throw <see cref="NotSupportedException"/>.
    /// </summary>
    public byte[] DecompressRecordsData() => RecordCompression.Decompress(Compression, RecordsData.Span);
}
