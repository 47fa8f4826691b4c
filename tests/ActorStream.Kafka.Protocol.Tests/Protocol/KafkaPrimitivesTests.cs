using System.Buffers;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

/// <summary>KafkaReader and KafkaWriter primitives: encodings, null vs empty, bounds, tagged fields.</summary>
public class KafkaPrimitivesTests
{
    private delegate void WriteAction(ref KafkaWriter writer);

    private static string Write(WriteAction action)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new KafkaWriter(output);
        action(ref writer);
        writer.Flush();
        return Hex.Format(output.WrittenSpan);
    }

    [Fact]
    public void WriteFixedWidth_AllTypes_AreBigEndian()
    {
        string hex = Write((ref KafkaWriter w) =>
        {
            w.WriteBoolean(true);
            w.WriteInt8(-2);
            w.WriteInt16(0x0102);
            w.WriteUInt16(0xfffe);
            w.WriteInt32(0x01020304);
            w.WriteUInt32(0xdeadbeef);
            w.WriteInt64(0x0102030405060708);
            w.WriteFloat64(1.5);
        });
        Assert.Equal("01fe0102fffe01020304deadbeef01020304050607083ff8000000000000", hex);

        var reader = new KafkaReader(Hex.Parse(hex));
        Assert.True(reader.ReadBoolean());
        Assert.Equal(-2, reader.ReadInt8());
        Assert.Equal(0x0102, reader.ReadInt16());
        Assert.Equal(0xfffe, reader.ReadUInt16());
        Assert.Equal(0x01020304, reader.ReadInt32());
        Assert.Equal(0xdeadbeef, reader.ReadUInt32());
        Assert.Equal(0x0102030405060708, reader.ReadInt64());
        Assert.Equal(1.5, reader.ReadFloat64());
        Assert.True(reader.End);
    }

    [Fact]
    public void Uuid_WrittenMostSignificantByteFirst()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        string hex = Write((ref KafkaWriter w) => w.WriteUuid(id));
        Assert.Equal("00112233445566778899aabbccddeeff", hex);
        var reader = new KafkaReader(Hex.Parse(hex));
        Assert.Equal(id, reader.ReadUuid());
    }

    [Theory]
    [InlineData(null, false, "ffff")]
    [InlineData(null, true, "00")]
    [InlineData("", false, "0000")]
    [InlineData("", true, "01")]
    [InlineData("ab", false, "00026162")]
    [InlineData("ab", true, "036162")]
    [InlineData("ø", true, "03c3b8")]
    public void NullableString_NullEmptyAndUtf8_EncodeAndDecode(string? value, bool compact, string hex)
    {
        Assert.Equal(hex, Write((ref KafkaWriter w) => w.WriteNullableString(value, compact)));
        Assert.Equal(hex.Length / 2, KafkaWriter.SizeOfNullableString(value, compact));
        var reader = new KafkaReader(Hex.Parse(hex));
        Assert.Equal(value, reader.ReadNullableString(compact));
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("ffff", false)]
    [InlineData("00", true)]
    public void ReadString_NullMarker_ThrowsKafkaProtocolException(string hex, bool compact)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(Hex.Parse(hex));
            reader.ReadString(compact);
        });
    }

    [Theory]
    [InlineData("fffe")]
    [InlineData("0005 6162")]
    public void ReadNullableString_NegativeOrTooLong_ThrowsKafkaProtocolException(string hex)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(Hex.Parse(hex));
            reader.ReadNullableString(compact: false);
        });
    }

    [Theory]
    [InlineData(false, "ffffffff", "00000000", "00000002 0102")]
    [InlineData(true, "00", "01", "03 0102")]
    public void NullableBytesAndRecords_NullEmptyData_Encode(bool compact, string nullHex, string emptyHex, string dataHex)
    {
        Assert.Equal(nullHex, Write((ref KafkaWriter w) => w.WriteNullableBytes(null, compact)));
        Assert.Equal(emptyHex, Write((ref KafkaWriter w) => w.WriteNullableBytes([], compact)));
        Assert.Equal(Hex.Format(Hex.Parse(dataHex)), Write((ref KafkaWriter w) => w.WriteNullableBytes([1, 2], compact)));
        Assert.Equal(nullHex, Write((ref KafkaWriter w) => w.WriteRecords(null, compact)));
        Assert.Equal(emptyHex, Write((ref KafkaWriter w) => w.WriteRecords(ReadOnlyMemory<byte>.Empty, compact)));

        var reader = new KafkaReader(Hex.Parse(nullHex + emptyHex + dataHex));
        Assert.Null(reader.ReadRecords(compact));
        Assert.Equal(0, reader.ReadRecords(compact)!.Value.Length);
        Assert.Equal([1, 2], reader.ReadNullableBytes(compact));
    }

    [Fact]
    public void ReadRecords_ReturnsSliceOfTheFrameWithoutCopying()
    {
        byte[] frame = Hex.Parse("00000003 aabbcc");
        var reader = new KafkaReader(frame);
        var records = reader.ReadRecords(compact: false)!.Value;
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(records, out var segment));
        Assert.Same(frame, segment.Array);
        Assert.Equal(4, segment.Offset);
    }

    [Theory]
    [InlineData("fffffffe", false, false)]
    [InlineData("ffffffff", false, false)]
    [InlineData("7fffffff", false, true)]
    [InlineData("00", true, false)]
    [InlineData("ffffffff07", true, true)]
    public void ReadArrayLength_NegativeNullOrHuge_ThrowsKafkaProtocolException(string hex, bool compact, bool nullable)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(Hex.Parse(hex));
            reader.ReadArrayLength(compact, nullable);
        });
    }

    [Fact]
    public void ReadArrayLength_NullWhereAllowed_ReturnsMinusOne()
    {
        var reader = new KafkaReader(Hex.Parse("ffffffff 00"));
        Assert.Equal(-1, reader.ReadArrayLength(compact: false, nullable: true));
        Assert.Equal(-1, reader.ReadArrayLength(compact: true, nullable: true));
    }

    [Fact]
    public void Read_UnknownTaggedFields_AreSkipped()
    {
        // ApiVersions v3 body: name "a", version "b", then tags 7 (3 bytes) and 40 (0 bytes).
        byte[] body = Hex.Parse("02 61 02 62 02 07 03 010203 28 00");
        var request = Codec.Decode<ApiVersionsRequest>(body, 3);
        Assert.Equal(("a", "b"), (request.ClientSoftwareName, request.ClientSoftwareVersion));
        Assert.Equal(Hex.Parse("02 61 02 62 00"), Codec.Encode(request, 3));
    }

    [Fact]
    public void Read_TaggedFieldLongerThanItsSize_ThrowsKafkaProtocolException()
    {
        // ApiVersions v3 response with tag 1 (FinalizedFeaturesEpoch, int64) declared as 2 bytes.
        byte[] body = Hex.Parse("0000 01 00000000 01 01 02 0000000000000005");
        Assert.Throws<KafkaProtocolException>(() => Codec.Decode<ApiVersionsResponse>(body, 3));
    }

    [Fact]
    public void Write_KnownTaggedFields_InAscendingTagOrderAndOmittedWhenDefault()
    {
        var response = new ApiVersionsResponse
        {
            FinalizedFeaturesEpoch = 5,
            ZkMigrationReady = true,
            SupportedFeatures = [new() { Name = "f", MinVersion = 1, MaxVersion = 2 }],
        };

        byte[] bytes = Codec.Encode(response, 3);
        // error 0, empty api keys, throttle 0, 3 tags: 0 SupportedFeatures, 1 epoch, 3 zk ready (2 is default, omitted).
        Assert.Equal(
            Hex.Format(Hex.Parse("0000 01 00000000 03 00 08 02 0266 0001 0002 00 01 08 0000000000000005 03 01 01")),
            Hex.Format(bytes));
        var decoded = Codec.Decode<ApiVersionsResponse>(bytes, 3);
        Assert.Equal(5, decoded.FinalizedFeaturesEpoch);
        Assert.True(decoded.ZkMigrationReady);
        Assert.Empty(decoded.FinalizedFeatures);
        Assert.Equal("f", Assert.Single(decoded.SupportedFeatures).Name);

        Assert.Equal(Hex.Parse("0000 01 00000000 00"), Codec.Encode(new ApiVersionsResponse(), 3));
    }

    [Fact]
    public void Write_NullInNonNullableVersion_WritesEmpty()
    {
        // Metadata v0 has a non-nullable topic array; null is written as empty (= all topics in v0).
        var request = new MetadataRequest { Topics = null };
        Assert.Equal(Hex.Parse("00000000"), Codec.Encode(request, 0));
        Assert.Equal(Hex.Parse("ffffffff"), Codec.Encode(request, 1));
    }

    [Fact]
    public void Write_FieldAbsentInVersion_IsSkipped()
    {
        var request = new ProduceRequest { TransactionalId = "tx", Acks = 1, TimeoutMs = 2 };
        Assert.Equal(Hex.Parse("0001 00000002 00000000"), Codec.Encode(request, 2));
    }

    [Fact]
    public void Write_UnsupportedVersion_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode(new ProduceRequest(), 12));
    }

    [Fact]
    public void Create_MultiSegmentSequence_ReadsAsOneFrame()
    {
        byte[] data = Hex.Parse("0001 00000002 0003 616263");
        var reader = KafkaReader.Create(Segments.Split(data, 3));
        Assert.Equal(1, reader.ReadInt16());
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal("abc", reader.ReadString(compact: false));
        Assert.True(reader.End);
    }

    [Fact]
    public void WriteString_LongerThanInt16_ThrowsInvalidOperation()
    {
        string big = new('x', short.MaxValue + 1);
        Assert.Throws<InvalidOperationException>(() => Write((ref KafkaWriter w) => w.WriteString(big, compact: false)));
        Assert.Equal(short.MaxValue + 1 + 3, Write((ref KafkaWriter w) => w.WriteString(big, compact: true)).Length / 2);
    }
}
