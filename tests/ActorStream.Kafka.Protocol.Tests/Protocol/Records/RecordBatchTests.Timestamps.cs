using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Protocol.Tests.Protocol.Records;

public partial class RecordBatchTests
{
    private const long T0 = 1_700_000_000_000;

    /// <summary>Records stamped T0 + each of <paramref name="relative"/> (ms), base offset <paramref name="baseOffset"/>.</summary>
    private static byte[] Stamped(CompressionCodec codec, long baseOffset, params long[] relative)
    {
        using var builder = new RecordBatchBuilder(codec) { BaseOffset = baseOffset };
        foreach (var t in relative)
        {
            builder.Append(T0 + t, null, new byte[] { 1, 2, 3 });
        }

        return builder.Build();
    }

    private static (RecordSearchResult Result, long Offset, long Timestamp) Find(byte[] bytes, long target, long startingOffset = 0)
    {
        var result = RecordBatch.Create(bytes).TryFindRecordByTimestamp(target, startingOffset, out long offset, out long timestamp);
        return (result, offset, timestamp);
    }

    [Theory]
    [InlineData(CompressionCodec.None, -500, 10, 0)]
    [InlineData(CompressionCodec.None, 0, 10, 0)]
    [InlineData(CompressionCodec.None, 500, 11, 1000)]
    [InlineData(CompressionCodec.None, 1000, 11, 1000)]
    [InlineData(CompressionCodec.None, 1001, 12, 2000)]
    [InlineData(CompressionCodec.None, 2000, 12, 2000)]
    [InlineData(CompressionCodec.Gzip, -500, 10, 0)]
    [InlineData(CompressionCodec.Gzip, 500, 11, 1000)]
    [InlineData(CompressionCodec.Gzip, 1500, 12, 2000)]
    public void TryFindRecordByTimestamp_CreateTime_FindsFirstRecordAtOrAfterTarget(CompressionCodec codec, long target, long offset, long relative)
    {
        var bytes = Stamped(codec, 10, 0, 1000, 2000);

        Assert.Equal((RecordSearchResult.Found, offset, T0 + relative), Find(bytes, T0 + target));
    }

    [Theory]
    [InlineData(CompressionCodec.None)]
    [InlineData(CompressionCodec.Gzip)]
    public void TryFindRecordByTimestamp_AfterMaxTimestamp_NotFound(CompressionCodec codec)
    {
        var bytes = Stamped(codec, 10, 0, 1000, 2000);

        Assert.Equal((RecordSearchResult.NotFound, -1L, -1L), Find(bytes, T0 + 2001));
    }

    [Fact]
    public void TryFindRecordByTimestamp_OutOfOrderTimestamps_FindsFirstInOffsetOrder()
    {
        var bytes = Stamped(CompressionCodec.None, 0, 3000, 1000, 2000);

        Assert.Equal((RecordSearchResult.Found, 0L, T0 + 3000), Find(bytes, T0 + 500));
        Assert.Equal((RecordSearchResult.Found, 2L, T0 + 2000), Find(bytes, T0 + 1500, startingOffset: 1));
    }

    [Fact]
    public void TryFindRecordByTimestamp_MaxTimestampAsTarget_FindsFirstRecordHoldingIt()
    {
        var bytes = Stamped(CompressionCodec.Gzip, 5, 0, 2000, 1000, 2000);
        var batch = RecordBatch.Create(bytes);

        Assert.Equal((RecordSearchResult.Found, 6L, T0 + 2000), Find(bytes, batch.MaxTimestamp));
    }

    [Fact]
    public void TryFindRecordByTimestamp_StartingOffsetInsideBatch_SkipsEarlierRecords()
    {
        var bytes = Stamped(CompressionCodec.None, 10, 0, 1000, 2000);

        Assert.Equal((RecordSearchResult.Found, 12L, T0 + 2000), Find(bytes, T0, startingOffset: 12));
        Assert.Equal((RecordSearchResult.NotFound, -1L, -1L), Find(bytes, T0, startingOffset: 13));
    }

    [Fact]
    public void TryFindRecordByTimestamp_LogAppendTime_AnswersFirstRecordWithBatchTimestamp()
    {
        var bytes = Stamped(CompressionCodec.Gzip, 10, 0, 1000, 2000);
        RecordBatch.SetLogAppendTime(bytes, T0 + 9000);

        Assert.Equal((RecordSearchResult.Found, 10L, T0 + 9000), Find(bytes, T0 + 8000));
        Assert.Equal((RecordSearchResult.Found, 11L, T0 + 9000), Find(bytes, T0 + 9000, startingOffset: 11));
        Assert.Equal((RecordSearchResult.NotFound, -1L, -1L), Find(bytes, T0 + 9001));
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    public void TryFindRecordByTimestamp_CodecWithoutDecoder_Undecodable(CompressionCodec codec)
    {
        var bytes = Stamped(CompressionCodec.None, 10, 0, 1000, 2000);
        SetCodec(bytes, codec);

        Assert.Equal((RecordSearchResult.Undecodable, -1L, -1L), Find(bytes, T0 + 500));
        Assert.Equal(RecordSearchResult.NotFound, Find(bytes, T0 + 2001).Result);
    }

    [Fact]
    public void TryFindRecordByTimestamp_GzipFlagOverPlainRecords_Undecodable()
    {
        var bytes = Stamped(CompressionCodec.None, 10, 0, 1000, 2000);
        SetCodec(bytes, CompressionCodec.Gzip);

        Assert.Equal(RecordSearchResult.Undecodable, Find(bytes, T0 + 500).Result);
    }

    [Fact]
    public void TryFindRecordByTimestamp_TruncatedRecords_Undecodable()
    {
        var bytes = Stamped(CompressionCodec.None, 10, 0, 1000, 2000);
        // The header claims 5 records and a later max timestamp: the scan runs past the third record.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(57), 5);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(35), T0 + 5000);

        Assert.Equal(RecordSearchResult.Undecodable, Find(bytes, T0 + 3000).Result);
        Assert.Equal((RecordSearchResult.Found, 12L, T0 + 2000), Find(bytes, T0 + 1500));
    }

    [Fact]
    public void TryFindRecordByTimestamp_LargeGzipBatch_GrowsItsBufferAndFindsTheRecord()
    {
        // Highly compressible values: the decompressed area is far beyond the first buffer guess.
        using var builder = new RecordBatchBuilder(CompressionCodec.Gzip);
        for (int i = 0; i < 200; i++)
        {
            builder.Append(T0 + (i * 10), null, new byte[2000]);
        }

        var bytes = builder.Build();
        Assert.True(bytes.Length * 16 < 200 * 2000, $"the batch compressed to {bytes.Length} bytes");

        Assert.Equal((RecordSearchResult.Found, 199L, T0 + 1990), Find(bytes, T0 + 1985));
    }

    private static void SetCodec(byte[] bytes, CompressionCodec codec)
    {
        short attributes = System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(21));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), (short)((attributes & ~0x07) | (int)codec));
        RecordBatch.UpdateCrc(bytes);
    }
}
