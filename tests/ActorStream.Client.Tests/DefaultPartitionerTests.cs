using System.Text;
using ActorStream.Client.Producing;

namespace ActorStream.Client.Tests;

public sealed class DefaultPartitionerTests
{
    // The vectors of the protocol reference (Kafka UtilsTest, librdkafka rdmurmur2.c, kafkajs murmur2.spec.js).
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    [InlineData("kafka", -798503068)]
    [InlineData("", 275646681)]
    [InlineData("0", 971027396)]
    [InlineData("1", -1993445489)]
    public void Murmur2_KnownKeys_MatchTheJavaClient(string key, int expected) =>
        Assert.Equal(expected, DefaultPartitioner.Murmur2(Encoding.UTF8.GetBytes(key)));

    [Theory]
    [InlineData("21", 3, 0)]
    [InlineData("abc", 6, 3)]
    [InlineData("kafka", 3, 1)]
    public void PartitionForKey_KnownKeys_MatchTheJavaClient(string key, int partitions, int expected) =>
        Assert.Equal(expected, DefaultPartitioner.PartitionForKey(Encoding.UTF8.GetBytes(key), partitions));

    [Fact]
    public void PartitionForKey_NegativeHash_MasksTheSignBitInsteadOfNegating()
    {
        // murmur2("21") is negative; Math.Abs would give 973932308 % 7 = 4, the mask gives 1173551340 % 7 = 5.
        var key = Encoding.UTF8.GetBytes("21");
        Assert.Equal((-973932308 & 0x7fffffff) % 7, DefaultPartitioner.PartitionForKey(key, 7));
        Assert.NotEqual(Math.Abs(-973932308) % 7, DefaultPartitioner.PartitionForKey(key, 7));
    }
}
