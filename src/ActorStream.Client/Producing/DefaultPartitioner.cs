namespace ActorStream.Client.Producing;

/// <summary>
/// The Java client's partitioner for keyed records: <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>
/// over ALL partitions of the topic (available or not), so that a key always maps to the same
/// partition as with the Java client, kafkajs and kafka-python. Stateless and thread-safe.
/// </summary>
internal static class DefaultPartitioner
{
    /// <summary>The partition of a record with key <paramref name="key"/> in a topic with <paramref name="partitions"/> partitions.</summary>
    public static int PartitionForKey(ReadOnlySpan<byte> key, int partitions) => (Murmur2(key) & 0x7fffffff) % partitions;

    /// <summary>
    /// Kafka's <c>Utils.murmur2</c>: MurmurHash2, 32 bits, seed 0x9747b28c, 4-byte blocks read
    /// little-endian, logical shifts, wrap-around arithmetic.
    /// </summary>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            const uint M = 0x5bd1e995;
            const int R = 24;
            var length = data.Length;
            var h = 0x9747b28cu ^ (uint)length;
            var blocks = length / 4;
            for (var i = 0; i < blocks; i++)
            {
                var i4 = i * 4;
                var k = (uint)(data[i4] | data[i4 + 1] << 8 | data[i4 + 2] << 16 | data[i4 + 3] << 24);
                k *= M;
                k ^= k >> R;
                k *= M;
                h *= M;
                h ^= k;
            }

            var tail = length & ~3;
            switch (length % 4)
            {
                case 3:
                    h ^= (uint)data[tail + 2] << 16;
                    goto case 2;
                case 2:
                    h ^= (uint)data[tail + 1] << 8;
                    goto case 1;
                case 1:
                    h ^= data[tail];
                    h *= M;
                    break;
            }

            h ^= h >> 13;
            h *= M;
            h ^= h >> 15;
            return (int)h;
        }
    }
}
