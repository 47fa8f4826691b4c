using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Consuming;

/// <summary>
/// The records one Fetch returned for one partition, consumed lazily: batches are opened (CRC
/// checked, decompressed) only when the consumer reaches them, and a record's fields are located
/// only when it is returned. Control batches and records before the fetch offset (a batch is
/// returned whole) are skipped. The bytes belong to the fetch response, which nothing else reuses.
/// <code>
/// records: [batch][batch][batch…partial]   ← a trailing partial batch is ignored; the next fetch starts at NextOffset
/// </code>
/// Used by one consumer thread at a time; not thread-safe.
/// </summary>
internal sealed class CompletedFetch
{
    private ReadOnlyMemory<byte> _remaining;
    private ReadOnlyMemory<byte> _records;
    private int _recordsPosition;
    private int _recordCount;
    private int _recordsRead;
    private long _baseOffset;
    private long _baseTimestamp;
    private long _maxTimestamp;
    private TimestampType _timestampType;
    private int _leaderEpoch;

    private CompletedFetch(PartitionState partition, int epoch, ReadOnlyMemory<byte> records, long fetchOffset, long nextOffset, bool isEof, long highWatermark)
    {
        Partition = partition;
        Epoch = epoch;
        _remaining = records;
        FetchOffset = fetchOffset;
        NextOffset = nextOffset;
        IsEof = isEof;
        HighWatermark = highWatermark;
    }

    public PartitionState Partition { get; }

    /// <summary>The partition's epoch when the fetch was sent; data of an older epoch is dropped.</summary>
    public int Epoch { get; }

    /// <summary>The offset the fetch asked for: records before it are skipped.</summary>
    public long FetchOffset { get; }

    /// <summary>The offset after the last complete batch: where the next fetch starts and where the position ends up once this is consumed.</summary>
    public long NextOffset { get; }

    /// <summary>An end-of-partition marker (enable.partition.eof) rather than records.</summary>
    public bool IsEof { get; }

    public long HighWatermark { get; }

    /// <summary>Set when a batch is corrupt or cannot be read; the consumer reports it and stops reading this fetch.</summary>
    public KafkaError? Error { get; private set; }

    /// <summary>The offset of the first record Error concerns.</summary>
    public long ErrorOffset { get; private set; } = -1;

    /// <summary>
    /// Wraps the records of a fetch response. Returns null when <paramref name="records"/> holds no
    /// complete batch at or after <paramref name="fetchOffset"/> (then <paramref name="nextOffset"/> is the fetch offset).
    /// </summary>
    public static CompletedFetch? Create(PartitionState partition, int epoch, ReadOnlyMemory<byte> records, long fetchOffset, long highWatermark, out long nextOffset)
    {
        nextOffset = fetchOffset;
        var scan = records;
        while (RecordBatch.TryReadNext(ref scan, out var batch) == RecordBatchReadResult.Batch)
        {
            nextOffset = Math.Max(nextOffset, batch.NextOffset);
        }

        return nextOffset > fetchOffset ? new CompletedFetch(partition, epoch, records, fetchOffset, nextOffset, false, highWatermark) : null;
    }

    /// <summary>An end-of-partition marker at <paramref name="highWatermark"/>.</summary>
    public static CompletedFetch Eof(PartitionState partition, int epoch, long highWatermark) =>
        new(partition, epoch, ReadOnlyMemory<byte>.Empty, highWatermark, highWatermark, true, highWatermark);

    /// <summary>
    /// The next record at or after <paramref name="position"/>; false at the end of the data or on an
    /// error (see <see cref="Error"/>).
    /// </summary>
    public bool TryNext(long position, bool checkCrcs, out RawRecord record)
    {
        record = default;
        if (Error is not null)
        {
            return false;
        }

        while (true)
        {
            while (_recordsRead < _recordCount)
            {
                if (!TryReadRecord(out record))
                {
                    return false;
                }

                if (record.Offset >= position && record.Offset >= FetchOffset)
                {
                    return true;
                }
            }

            if (!OpenNextBatch(position, checkCrcs))
            {
                return false;
            }
        }
    }

    private bool OpenNextBatch(long position, bool checkCrcs)
    {
        while (RecordBatch.TryReadNext(ref _remaining, out var batch) == RecordBatchReadResult.Batch)
        {
            if (batch.NextOffset <= position || batch.NextOffset <= FetchOffset)
            {
                continue; // wholly before the position: returned only because batches come whole
            }

            if (batch.Magic != RecordBatch.CurrentMagic)
            {
                return Fail(batch, LocalErrorCode.BadMessage, ErrorCode.CorruptMessage, $"Unsupported record batch magic {batch.Magic}");
            }

            if (checkCrcs)
            {
                var problem = batch.Validate();
                if (problem != RecordBatchError.None)
                {
                    return Fail(batch, LocalErrorCode.BadMessage, ErrorCode.CorruptMessage, $"Corrupt record batch at offset {batch.BaseOffset}: {problem}");
                }
            }

            if (batch.IsControl || batch.RecordCount == 0)
            {
                continue; // transaction markers are not records
            }

            try
            {
                _records = batch.Compression == CompressionCodec.None ? batch.RecordsData : batch.DecompressRecordsData();
            }
            catch (Exception e) when (e is NotSupportedException or InvalidDataException or KafkaProtocolException)
            {
                return Fail(batch, LocalErrorCode.BadMessage, ErrorCode.CorruptMessage,
                    $"Cannot decompress the {batch.Compression} batch at offset {batch.BaseOffset}: {e.Message}");
            }

            _recordsPosition = 0;
            _recordCount = batch.RecordCount;
            _recordsRead = 0;
            _baseOffset = batch.BaseOffset;
            _baseTimestamp = batch.BaseTimestamp;
            _maxTimestamp = batch.MaxTimestamp;
            _timestampType = batch.TimestampType == Kafka.Protocol.Records.TimestampType.LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime;
            _leaderEpoch = batch.PartitionLeaderEpoch;
            return true;
        }

        return false;
    }

    private bool TryReadRecord(out RawRecord record)
    {
        record = default;
        var data = _records.Span;
        var start = _recordsPosition;
        if (!TryVarInt(data, ref start, out int length) || length < 0 || length > data.Length - start)
        {
            return FailRecord("record length does not fit the batch");
        }

        var end = start + length;
        var p = start + 1; // attributes (unused)
        if (p > end
            || !TryVarLong(data[..end], ref p, out var timestampDelta)
            || !TryVarInt(data[..end], ref p, out int offsetDelta)
            || !TryBytes(data[..end], ref p, out var keyStart, out var keyLength)
            || !TryBytes(data[..end], ref p, out var valueStart, out var valueLength)
            || !TryVarInt(data[..end], ref p, out int headerCount) || headerCount < 0)
        {
            return FailRecord("malformed record");
        }

        _recordsPosition = end;
        _recordsRead++;
        var timestamp = _timestampType == TimestampType.LogAppendTime ? _maxTimestamp : _baseTimestamp + timestampDelta;
        record = new RawRecord(
            _baseOffset + offsetDelta,
            _leaderEpoch,
            timestamp,
            _timestampType,
            keyLength < 0 ? ReadOnlyMemory<byte>.Empty : _records.Slice(keyStart, keyLength),
            keyLength < 0,
            valueLength < 0 ? ReadOnlyMemory<byte>.Empty : _records.Slice(valueStart, valueLength),
            valueLength < 0,
            _records[p..end],
            headerCount);
        return true;
    }

    /// <summary>Decodes <paramref name="headers"/> (the encoded headers of a record) into a new <see cref="Client.Headers"/>.</summary>
    public static Headers ReadHeaders(ReadOnlySpan<byte> headers, int count)
    {
        var result = new Headers();
        var p = 0;
        for (var i = 0; i < count; i++)
        {
            if (!TryBytes(headers, ref p, out var keyStart, out var keyLength) || keyLength < 0
                || !TryBytes(headers, ref p, out var valueStart, out var valueLength))
            {
                throw new KafkaProtocolException("Malformed record header.");
            }

            var key = System.Text.Encoding.UTF8.GetString(headers.Slice(keyStart, keyLength));
            result.Add(key, valueLength < 0 ? null : headers.Slice(valueStart, valueLength).ToArray());
        }

        return result;
    }

    private static bool TryVarInt(ReadOnlySpan<byte> data, ref int position, out int value)
    {
        value = 0;
        if (position >= data.Length)
        {
            return false;
        }

        var n = VarInt.TryRead(data[position..], out value);
        position += Math.Max(n, 0);
        return n > 0;
    }

    private static bool TryVarLong(ReadOnlySpan<byte> data, ref int position, out long value)
    {
        value = 0;
        if (position >= data.Length)
        {
            return false;
        }

        var n = VarInt.TryRead(data[position..], out value);
        position += Math.Max(n, 0);
        return n > 0;
    }

    /// <summary>A varint length (-1 = null) and that many bytes; returns where they start and the length.</summary>
    private static bool TryBytes(ReadOnlySpan<byte> data, ref int position, out int start, out int length)
    {
        start = 0;
        if (!TryVarInt(data, ref position, out length) || length < -1 || (length > 0 && length > data.Length - position))
        {
            return false;
        }

        start = position;
        position += Math.Max(length, 0);
        return true;
    }

    private bool Fail(RecordBatch batch, LocalErrorCode local, ErrorCode code, string reason)
    {
        Error = new KafkaError(local, code, $"{Partition}: {reason}");
        ErrorOffset = batch.BaseOffset;
        return false;
    }

    private bool FailRecord(string reason)
    {
        Error = new KafkaError(LocalErrorCode.BadMessage, ErrorCode.CorruptMessage,
            $"{Partition}: {reason} in the batch at offset {_baseOffset}");
        ErrorOffset = _baseOffset;
        _recordCount = 0;
        return false;
    }
}
