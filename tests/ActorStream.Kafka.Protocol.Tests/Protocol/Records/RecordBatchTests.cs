using System.Buffers.Binary;
using System.Text;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol.Records;

public partial class RecordBatchTests
{
    // wire-samples.md section 6: built by kafka-python 2.0.2, confirmed by an independent encoder.
    internal const string GoldenHex =
        "0000000000000000 00000053 00000000 02 84163fcc 0000 00000001 " +
        "0000018bcfe56800 0000018bcfe56805 ffffffffffffffff ffff ffffffff 00000002 " +
        "30 00 00 00 0a 6b65792d31 0e 76616c75652d31 02 04 6831 04 7631 " +
        "10 00 0a 02 01 04 7632 00";

    private static byte[] Golden() => Hex.Parse(GoldenHex);

    private static byte[] BuildSample(CompressionCodec codec = CompressionCodec.None, int records = 3)
    {
        using var builder = new RecordBatchBuilder(codec);
        for (int i = 0; i < records; i++)
        {
            builder.Append(1_700_000_000_000 + i, Encoding.UTF8.GetBytes($"k{i}"), Encoding.UTF8.GetBytes($"value-{i}"));
        }

        return builder.Build();
    }

    [Fact]
    public void Header_GoldenBatch_DecodesEveryField()
    {
        var batch = RecordBatch.Create(Golden());

        Assert.Equal(95, batch.SizeInBytes);
        Assert.Equal(0L, batch.BaseOffset);
        Assert.Equal(0x53, batch.BatchLength);
        Assert.Equal(0, batch.PartitionLeaderEpoch);
        Assert.Equal(2, batch.Magic);
        Assert.Equal(0x84163fccu, batch.Crc);
        Assert.Equal(0, batch.Attributes);
        Assert.Equal(CompressionCodec.None, batch.Compression);
        Assert.Equal(TimestampType.CreateTime, batch.TimestampType);
        Assert.False(batch.IsTransactional);
        Assert.False(batch.IsControl);
        Assert.Equal(1, batch.LastOffsetDelta);
        Assert.Equal(1_700_000_000_000L, batch.BaseTimestamp);
        Assert.Equal(1_700_000_000_005L, batch.MaxTimestamp);
        Assert.Equal((-1L, (short)-1, -1), (batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence));
        Assert.Equal(2, batch.RecordCount);
        Assert.Equal(1L, batch.LastOffset);
        Assert.Equal(2L, batch.NextOffset);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void GetRecords_GoldenBatch_DecodesHeadersNullKeyAndDeltas()
    {
        var batch = RecordBatch.Create(Golden());
        var records = batch.GetRecords();

        Assert.True(records.MoveNext());
        var first = records.Current;
        Assert.Equal((0L, 0), (first.TimestampDelta, first.OffsetDelta));
        Assert.Equal("key-1", Encoding.UTF8.GetString(first.Key));
        Assert.Equal("value-1", Encoding.UTF8.GetString(first.Value));
        Assert.Equal(1, first.HeaderCount);
        var headers = first.Headers;
        Assert.True(headers.MoveNext());
        Assert.Equal("h1", Encoding.UTF8.GetString(headers.Current.Key));
        Assert.Equal("v1", Encoding.UTF8.GetString(headers.Current.Value));
        Assert.False(headers.Current.IsValueNull);
        Assert.False(headers.MoveNext());

        Assert.True(records.MoveNext());
        var second = records.Current;
        Assert.Equal((5L, 1), (second.TimestampDelta, second.OffsetDelta));
        Assert.True(second.IsKeyNull);
        Assert.Equal("v2", Encoding.UTF8.GetString(second.Value));
        Assert.Equal(0, second.HeaderCount);
        Assert.False(records.MoveNext());
    }

    [Fact]
    public void Build_GoldenRecords_ReproducesGoldenBytes()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(1_700_000_000_000, "key-1"u8.ToArray(), "value-1"u8.ToArray(), [new RecordHeaderEntry("h1", "v1"u8.ToArray())]);
        builder.Append(1_700_000_000_005, null, "v2"u8.ToArray());

        Assert.Equal(GoldenHex.Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Format(builder.Build()));
    }

    [Fact]
    public void Build_NullValueAndNullHeaderValue_ReadBackAsNull()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(10, ReadOnlyMemory<byte>.Empty, null, [new RecordHeaderEntry("h", null)]);
        var batch = RecordBatch.Create(builder.Build());

        var records = batch.GetRecords();
        Assert.True(records.MoveNext());
        Assert.False(records.Current.IsKeyNull);
        Assert.True(records.Current.Key.IsEmpty);
        Assert.True(records.Current.IsValueNull);
        var headers = records.Current.Headers;
        Assert.True(headers.MoveNext());
        Assert.True(headers.Current.IsValueNull);
    }

    [Fact]
    public void Validate_EveryCrcCoveredByteFlipped_ReportsAnError()
    {
        byte[] good = BuildSample();
        for (int i = RecordBatch.HeaderSize - 40; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x01;
            var error = RecordBatch.Create(bad).Validate();
            Assert.NotEqual(RecordBatchError.None, error);
            if (i >= RecordBatch.HeaderSize)
            {
                Assert.Equal(RecordBatchError.CrcMismatch, error);
            }
        }
    }

    [Fact]
    public void Validate_CrcFieldCorrupted_ReportsCrcMismatch()
    {
        byte[] bad = BuildSample();
        bad[17] ^= 0xff;
        Assert.Equal(RecordBatchError.CrcMismatch, RecordBatch.Create(bad).Validate());
    }

    [Fact]
    public void Validate_LegacyMagic_ReportsUnsupportedMagic()
    {
        byte[] bad = BuildSample();
        bad[16] = 1;
        Assert.Equal(RecordBatchError.UnsupportedMagic, RecordBatch.Create(bad).Validate());
    }

    [Fact]
    public void SetBaseOffsetAndLeaderEpoch_InPlace_KeepCrcValid()
    {
        byte[] bytes = BuildSample();
        uint crc = RecordBatch.Create(bytes).Crc;

        RecordBatch.SetBaseOffset(bytes, 1_000_000);
        RecordBatch.SetPartitionLeaderEpoch(bytes, 7);

        var batch = RecordBatch.Create(bytes);
        Assert.Equal(1_000_000L, batch.BaseOffset);
        Assert.Equal(7, batch.PartitionLeaderEpoch);
        Assert.Equal(1_000_002L, batch.LastOffset);
        Assert.Equal(1_000_003L, batch.NextOffset);
        Assert.Equal(crc, batch.Crc);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void SetLogAppendTime_InPlace_SetsTypeAndMaxTimestampAndRecomputesCrc()
    {
        byte[] bytes = BuildSample();
        uint before = RecordBatch.Create(bytes).Crc;

        RecordBatch.SetLogAppendTime(bytes, 1_800_000_000_000);

        var batch = RecordBatch.Create(bytes);
        Assert.Equal(TimestampType.LogAppendTime, batch.TimestampType);
        Assert.Equal(1_800_000_000_000L, batch.MaxTimestamp);
        Assert.Equal(CompressionCodec.None, batch.Compression);
        Assert.NotEqual(before, batch.Crc);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void TryReadNext_TwoBatchesAndPartialTail_SplitsThenReportsPartial()
    {
        byte[] a = BuildSample(records: 1);
        byte[] b = BuildSample(records: 2);
        byte[] blob = [.. a, .. b, .. b.AsSpan(0, 30)];
        ReadOnlyMemory<byte> rest = blob;

        Assert.Equal(RecordBatchReadResult.Batch, RecordBatch.TryReadNext(ref rest, out var first));
        Assert.Equal(a.Length, first.SizeInBytes);
        Assert.Equal(RecordBatchReadResult.Batch, RecordBatch.TryReadNext(ref rest, out var second));
        Assert.Equal(2, second.RecordCount);
        Assert.Equal(RecordBatchReadResult.Partial, RecordBatch.TryReadNext(ref rest, out _));
        Assert.Equal(30, rest.Length);

        var enumerator = RecordBatch.Enumerate(blob);
        int count = 0;
        while (enumerator.MoveNext())
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(RecordBatchReadResult.Partial, enumerator.Result);
    }

    [Fact]
    public void TryReadNext_EmptyAndShortLength_ReportEndAndMalformed()
    {
        ReadOnlyMemory<byte> empty = ReadOnlyMemory<byte>.Empty;
        Assert.Equal(RecordBatchReadResult.End, RecordBatch.TryReadNext(ref empty, out _));

        byte[] bad = BuildSample();
        BinaryPrimitives.WriteInt32BigEndian(bad.AsSpan(8), 10);
        ReadOnlyMemory<byte> rest = bad;
        Assert.Equal(RecordBatchReadResult.Malformed, RecordBatch.TryReadNext(ref rest, out _));
        Assert.Throws<KafkaProtocolException>(() => RecordBatch.Create(bad));
    }

    [Fact]
    public void GzipBatch_Header_ReadsWithoutDecompressing()
    {
        byte[] bytes = BuildSample(CompressionCodec.Gzip, records: 5);
        var batch = RecordBatch.Create(bytes);

        Assert.Equal(CompressionCodec.Gzip, batch.Compression);
        Assert.Equal(5, batch.RecordCount);
        Assert.Equal(4, batch.LastOffsetDelta);
        Assert.Equal(1_700_000_000_004L, batch.MaxTimestamp);
        Assert.Equal(RecordBatchError.None, batch.Validate());
        Assert.Throws<InvalidOperationException>(() => batch.GetRecords());

        byte[] plain = batch.DecompressRecordsData();
        int n = 0;
        foreach (var record in new RecordReader(plain, batch.RecordCount))
        {
            Assert.Equal($"value-{n}", Encoding.UTF8.GetString(record.Value));
            n++;
        }

        Assert.Equal(5, n);
    }

    [Fact]
    public void ZstdFlaggedBatch_Header_ReadsAndValidatesWithoutDecompressing()
    {
        // The broker never decompresses: a batch whose codec bits say zstd is handled by its header alone.
        byte[] bytes = BuildSample(records: 4);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), (short)CompressionCodec.Zstd);
        RecordBatch.UpdateCrc(bytes);

        var batch = RecordBatch.Create(bytes);
        Assert.Equal(CompressionCodec.Zstd, batch.Compression);
        Assert.Equal(4, batch.RecordCount);
        Assert.Equal(RecordBatchError.None, batch.Validate());
        Assert.Throws<NotSupportedException>(() => batch.DecompressRecordsData());
    }

    [Fact]
    public void Validate_UndefinedCodecBits_ReportsUnknownCompression()
    {
        byte[] bytes = BuildSample();
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), 7);
        RecordBatch.UpdateCrc(bytes);
        Assert.Equal(RecordBatchError.UnknownCompression, RecordBatch.Create(bytes).Validate());
    }

    [Fact]
    public void Validate_DamagedCodecBitsOrCountUnderTheCrc_ReportsCrcMismatch()
    {
        byte[] codec = BuildSample();
        codec[22] ^= 0x07;
        byte[] count = BuildSample();
        BinaryPrimitives.WriteInt32BigEndian(count.AsSpan(57), -1);

        Assert.Equal(RecordBatchError.CrcMismatch, RecordBatch.Create(codec).Validate());
        Assert.Equal(RecordBatchError.CrcMismatch, RecordBatch.Create(count).Validate());
    }

    [Fact]
    public void Build_ProducerAndTransactionalFields_AreWrittenToHeader()
    {
        using var builder = new RecordBatchBuilder
        {
            BaseOffset = 42,
            PartitionLeaderEpoch = 3,
            ProducerId = 9000,
            ProducerEpoch = 2,
            BaseSequence = 17,
            IsTransactional = true,
            TimestampType = TimestampType.LogAppendTime,
            LogAppendTime = 123_456,
        };
        builder.Append(100, null, "x"u8.ToArray());
        var batch = RecordBatch.Create(builder.Build());

        Assert.Equal((42L, 3, 9000L, (short)2, 17), (batch.BaseOffset, batch.PartitionLeaderEpoch, batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence));
        Assert.True(batch.IsTransactional);
        Assert.False(batch.IsControl);
        Assert.Equal(TimestampType.LogAppendTime, batch.TimestampType);
        Assert.Equal(123_456L, batch.MaxTimestamp);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void RecordReader_TruncatedRecordsAtEveryByte_ThrowsKafkaProtocolException()
    {
        var batch = RecordBatch.Create(Golden());
        byte[] records = batch.RecordsData.ToArray();
        for (int length = 0; length < records.Length; length++)
        {
            byte[] prefix = records[..length];
            Assert.Throws<KafkaProtocolException>(() =>
            {
                foreach (var record in new RecordReader(prefix, batch.RecordCount))
                {
                    _ = record.Value.Length;
                }
            });
        }
    }

    [Fact]
    public void RecordReader_BytesAfterLastRecord_ThrowsKafkaProtocolException()
    {
        var batch = RecordBatch.Create(Golden());
        byte[] records = [.. batch.RecordsData.Span, 0x00];
        Assert.Throws<KafkaProtocolException>(() =>
        {
            foreach (var record in new RecordReader(records, batch.RecordCount))
            {
                _ = record.OffsetDelta;
            }
        });
    }

    [Fact]
    public void Build_NoRecords_Throws()
    {
        using var builder = new RecordBatchBuilder();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }
}
