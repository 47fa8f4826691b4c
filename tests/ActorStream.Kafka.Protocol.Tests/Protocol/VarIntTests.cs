using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

public class VarIntTests
{
    [Theory]
    [InlineData(0, "00")]
    [InlineData(1, "02")]
    [InlineData(-1, "01")]
    [InlineData(63, "7e")]
    [InlineData(-64, "7f")]
    [InlineData(64, "8001")]
    [InlineData(300, "d804")]
    [InlineData(-300, "d704")]
    [InlineData(int.MaxValue, "feffffff0f")]
    [InlineData(int.MinValue, "ffffffff0f")]
    public void Write_WireSampleTable_GivesCapturedBytes(int value, string hex)
    {
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength32];
        int n = VarInt.Write(buffer, value);
        Assert.Equal(hex, Hex.Format(buffer[..n]));
        Assert.Equal(n, VarInt.SizeOf(value));
        Assert.Equal(n, VarInt.TryRead(Hex.Parse(hex), out int read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData(0u, "00")]
    [InlineData(127u, "7f")]
    [InlineData(128u, "8001")]
    [InlineData(16383u, "ff7f")]
    [InlineData(16384u, "808001")]
    [InlineData(uint.MaxValue, "ffffffff0f")]
    public void WriteUnsigned_Boundaries_GiveExpectedBytes(uint value, string hex)
    {
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength32];
        int n = VarInt.WriteUnsigned(buffer, value);
        Assert.Equal(hex, Hex.Format(buffer[..n]));
        Assert.Equal(n, VarInt.SizeOfUnsigned(value));
    }

    [Fact]
    public void Int32_RandomAndEdgeValues_RoundTripWithExactSize()
    {
        var random = new Random(42);
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength32];
        int[] edges = [0, 1, -1, 63, 64, -64, -65, 8191, 8192, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1];
        for (int i = 0; i < 20_000 + edges.Length; i++)
        {
            int value = i < edges.Length ? edges[i] : random.Next(int.MinValue, int.MaxValue) >> random.Next(0, 31);
            int n = VarInt.Write(buffer, value);
            Assert.Equal(VarInt.SizeOf(value), n);
            Assert.Equal(n, VarInt.TryRead(buffer[..n], out int read));
            Assert.Equal(value, read);
            Assert.Equal(0, VarInt.TryRead(buffer[..(n - 1)], out int _));
        }
    }

    [Fact]
    public void Int64_RandomAndEdgeValues_RoundTripWithExactSize()
    {
        var random = new Random(43);
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength64];
        long[] edges = [0, 1, -1, long.MaxValue, long.MinValue, int.MaxValue + 1L, int.MinValue - 1L];
        for (int i = 0; i < 20_000 + edges.Length; i++)
        {
            long value = i < edges.Length ? edges[i] : random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63);
            int n = VarInt.Write(buffer, value);
            Assert.InRange(n, 1, VarInt.MaxLength64);
            Assert.Equal(VarInt.SizeOf(value), n);
            Assert.Equal(n, VarInt.TryRead(buffer[..n], out long read));
            Assert.Equal(value, read);
        }
    }

    [Fact]
    public void TryReadUnsigned_TooLongOrOverflowing_ReturnsMinusOne()
    {
        Assert.Equal(-1, VarInt.TryReadUnsigned(Hex.Parse("8080808080"), out uint _));
        Assert.Equal(-1, VarInt.TryReadUnsigned(Hex.Parse("ffffffff1f"), out uint _));
        Assert.Equal(-1, VarInt.TryReadUnsigned(Hex.Parse("80808080808080808080"), out ulong _));
        Assert.Equal(-1, VarInt.TryReadUnsigned(Hex.Parse("ffffffffffffffffff02"), out ulong _));
        Assert.Equal(10, VarInt.TryReadUnsigned(Hex.Parse("ffffffffffffffffff01"), out ulong max));
        Assert.Equal(ulong.MaxValue, max);
    }

    [Fact]
    public void KafkaReader_OverlongVarInt_ThrowsKafkaProtocolException()
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(Hex.Parse("8080808080 00"));
            reader.ReadUnsignedVarInt();
        });
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(Hex.Parse("8080"));
            reader.ReadVarLong();
        });
    }
}
