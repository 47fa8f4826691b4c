using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>Builds record batches for partition tests.</summary>
internal static class PartitionTestBatches
{
    public static byte[] Batch(int records, long timestamp = 1_000, long producerId = -1, short producerEpoch = -1, int baseSequence = -1, string value = "v")
    {
        using var builder = new RecordBatchBuilder
        {
            ProducerId = producerId,
            ProducerEpoch = producerEpoch,
            BaseSequence = baseSequence,
        };
        for (var i = 0; i < records; i++)
        {
            builder.Append(timestamp + i, null, System.Text.Encoding.UTF8.GetBytes(value + i));
        }

        return builder.Build();
    }

    /// <summary>One batch whose records are stamped <paramref name="timestamps"/> (ms) in offset order.</summary>
    public static byte[] Stamped(long[] timestamps, CompressionCodec codec = CompressionCodec.None)
    {
        using var builder = new RecordBatchBuilder(codec);
        for (var i = 0; i < timestamps.Length; i++)
        {
            builder.Append(timestamps[i], null, System.Text.Encoding.UTF8.GetBytes("r" + i));
        }

        return builder.Build();
    }

    /// <summary>What the leader stores for <paramref name="batch"/>: base offset and epoch patched in a copy.</summary>
    public static byte[] AsStored(byte[] batch, long baseOffset, int epoch)
    {
        var copy = (byte[])batch.Clone();
        RecordBatch.SetBaseOffset(copy, baseOffset);
        RecordBatch.SetPartitionLeaderEpoch(copy, epoch);
        return copy;
    }
}
