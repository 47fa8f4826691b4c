using System.Buffers.Binary;

namespace ActorStream.Node.Tests.Support;

/// <summary>Every record of every partition of one topic as a node served it (see <see cref="NodeAdmin.ReadPartitionAsync"/>).</summary>
internal sealed class TopicLog
{
    private TopicLog(List<LogRecord>[] partitions, long[] highWatermarks)
    {
        Partitions = partitions;
        HighWatermarks = highWatermarks;
    }

    public IReadOnlyList<List<LogRecord>> Partitions { get; }

    public IReadOnlyList<long> HighWatermarks { get; }

    public int RecordCount
    {
        get
        {
            var count = 0;
            foreach (var partition in Partitions)
            {
                count += partition.Count;
            }

            return count;
        }
    }

    public static async Task<TopicLog> ReadAsync(int port, string topic, int partitionCount)
    {
        using var client = await KafkaWireClient.ConnectAsync(port);
        var partitions = new List<LogRecord>[partitionCount];
        var highWatermarks = new long[partitionCount];
        for (var p = 0; p < partitionCount; p++)
        {
            (partitions[p], highWatermarks[p]) = await NodeAdmin.ReadPartitionAsync(client, topic, p);
        }

        return new TopicLog(partitions, highWatermarks);
    }

    /// <summary>
    /// Every acknowledged record is at its acknowledged offset, byte-exact (key, value, seq header, timestamp), and
    /// no two reports claim one offset. Returns the record index of each partition by offset.
    /// </summary>
    public Dictionary<long, LogRecord>[] AssertAcknowledgedPresent(IEnumerable<Delivery> deliveries)
    {
        var byOffset = new Dictionary<long, LogRecord>[Partitions.Count];
        for (var p = 0; p < Partitions.Count; p++)
        {
            byOffset[p] = [];
            foreach (var record in Partitions[p])
            {
                byOffset[p].Add(record.Offset, record);
            }
        }

        var claimed = new HashSet<(int, long)>();
        foreach (var delivery in deliveries)
        {
            Assert.True(claimed.Add((delivery.Partition, delivery.Offset)), $"two delivery reports claim {delivery.Partition}@{delivery.Offset}");
            Assert.True(
                byOffset[delivery.Partition].TryGetValue(delivery.Offset, out var record),
                $"acknowledged record {delivery.Id} at {delivery.Partition}@{delivery.Offset} is missing (high watermark {HighWatermarks[delivery.Partition]})");
            Assert.True(delivery.Key.AsSpan().SequenceEqual(record!.Key), $"{delivery.Partition}@{delivery.Offset}: key differs");
            Assert.True(delivery.Value.AsSpan().SequenceEqual(record.Value), $"{delivery.Partition}@{delivery.Offset}: holds {record.Id}, acknowledged {delivery.Id}");
            var seqHeader = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(seqHeader, delivery.Id.Seq);
            Assert.True(record.SeqHeader is not null && seqHeader.AsSpan().SequenceEqual(record.SeqHeader), $"{delivery.Partition}@{delivery.Offset}: seq header differs");
            Assert.Equal(delivery.Timestamp, record.Timestamp);
        }

        return byOffset;
    }
}
