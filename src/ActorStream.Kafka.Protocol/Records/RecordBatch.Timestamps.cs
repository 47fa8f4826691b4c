using System.Buffers;

namespace ActorStream.Kafka.Protocol.Records;

/// <content>
/// Per-record timestamp search inside one batch, the refinement Kafka's ListOffsets does after its
/// time index has found the first batch whose maxTimestamp is at or above the target.
/// </content>
public readonly partial struct RecordBatch
{
    /// <summary>
    /// Finds the first record whose offset is &gt;= <paramref name="startingOffset"/> and whose timestamp
    /// is &gt;= <paramref name="targetTimestamp"/> (Unix epoch ms), as Kafka's ListOffsets does inside a batch.
    /// <list type="bullet">
    /// <item>LogAppendTime: every record carries the batch's maxTimestamp, so the first record at or after
    /// <paramref name="startingOffset"/> matches when maxTimestamp &gt;= the target; nothing is decoded.</item>
    /// <item>CreateTime: maxTimestamp &lt; the target rules the batch out from the header; otherwise the
    /// records are scanned (timestamp = baseTimestamp + timestampDelta, offset = baseOffset + offsetDelta).</item>
    /// </list>
    /// Passing the batch's own <see cref="MaxTimestamp"/> as the target finds the first record holding the
    /// largest timestamp (ListOffsets -3).
    /// <para>
    /// Cost: an uncompressed batch is scanned in place without allocating. A gzip batch is decompressed
    /// into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (returned before this returns); the
    /// codec's stream state is the only other allocation. Snappy, lz4 and zstd batches, and records that
    /// do not decode, give <see cref="RecordSearchResult.Undecodable"/>: the caller falls back to the header.
    /// </para>
    /// </summary>
    /// <remarks><paramref name="offset"/> and <paramref name="timestamp"/>: -1 unless the result is <see cref="RecordSearchResult.Found"/>.</remarks>
    public RecordSearchResult TryFindRecordByTimestamp(long targetTimestamp, long startingOffset, out long offset, out long timestamp)
    {
        offset = -1;
        timestamp = -1;
        long maxTimestamp = MaxTimestamp;
        if (maxTimestamp < targetTimestamp || LastOffset < startingOffset)
        {
            return RecordSearchResult.NotFound;
        }

        if (TimestampType == TimestampType.LogAppendTime)
        {
            offset = Math.Max(BaseOffset, startingOffset);
            timestamp = maxTimestamp;
            return RecordSearchResult.Found;
        }

        var codec = Compression;
        if (codec == CompressionCodec.None)
        {
            return Scan(RecordsData.Span, targetTimestamp, startingOffset, out offset, out timestamp);
        }

        if (!RecordCompression.CanDecompress(codec))
        {
            return RecordSearchResult.Undecodable;
        }

        byte[]? rented = null;
        try
        {
            rented = RecordCompression.DecompressPooled(codec, RecordsData, out int length);
            return Scan(rented.AsSpan(0, length), targetTimestamp, startingOffset, out offset, out timestamp);
        }
        catch (KafkaProtocolException)
        {
            // The CRC held, so these are the bytes the producer sent: a blob the codec rejects.
            return RecordSearchResult.Undecodable;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private RecordSearchResult Scan(ReadOnlySpan<byte> records, long targetTimestamp, long startingOffset, out long offset, out long timestamp)
    {
        offset = -1;
        timestamp = -1;
        long baseOffset = BaseOffset;
        long baseTimestamp = BaseTimestamp;
        try
        {
            foreach (var record in new RecordReader(records, RecordCount))
            {
                long recordOffset = baseOffset + record.OffsetDelta;
                long recordTimestamp = baseTimestamp + record.TimestampDelta;
                if (recordTimestamp >= targetTimestamp && recordOffset >= startingOffset)
                {
                    offset = recordOffset;
                    timestamp = recordTimestamp;
                    return RecordSearchResult.Found;
                }
            }
        }
        catch (KafkaProtocolException)
        {
            return RecordSearchResult.Undecodable;
        }

        // A header maxTimestamp no record reaches: Kafka moves on to the next batch as well.
        return RecordSearchResult.NotFound;
    }
}
