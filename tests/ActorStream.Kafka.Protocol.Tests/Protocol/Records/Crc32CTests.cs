using ActorStream.Kafka.Protocol.Records;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol.Records;

public class Crc32CTests
{
    [Fact]
    public void Compute_CheckString_GivesCastagnoliCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void Compute_Empty_IsZero()
    {
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Update_AnyChunking_EqualsOneShot()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            byte[] data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            uint expected = Crc32C.Compute(data);

            uint state = ~0u;
            int offset = 0;
            while (offset < data.Length)
            {
                int n = random.Next(1, 13);
                n = Math.Min(n, data.Length - offset);
                state = Crc32C.Update(state, data.AsSpan(offset, n));
                offset += n;
            }

            Assert.Equal(expected, ~state);
            Assert.Equal(expected, Crc32C.Compute(Segments.Split(data, 1 + round % 7)));
        }
    }
}
