using System.Buffers.Binary;

namespace ActorStream.Kafka.Protocol.Records;

/// <content>
/// In-place rewrites a broker applies on append. baseOffset and partitionLeaderEpoch sit before
/// the CRC's range (bytes 21..end), so patching them keeps the CRC valid; attributes and
/// maxTimestamp are inside it, so <see cref="SetLogAppendTime"/> recomputes the CRC.
/// The spans must hold exactly one batch (at least the 61-byte header).
/// </content>
public readonly partial struct RecordBatch
{
    /// <summary>Overwrites baseOffset (the partition's log-end offset at append). The CRC stays valid.</summary>
    public static void SetBaseOffset(Span<byte> batch, long baseOffset)
    {
        EnsureHeader(batch);
        BinaryPrimitives.WriteInt64BigEndian(batch[BaseOffsetOffset..], baseOffset);
    }

    /// <summary>Overwrites partitionLeaderEpoch (the leader's epoch at append). The CRC stays valid.</summary>
    public static void SetPartitionLeaderEpoch(Span<byte> batch, int partitionLeaderEpoch)
    {
        EnsureHeader(batch);
        BinaryPrimitives.WriteInt32BigEndian(batch[PartitionLeaderEpochOffset..], partitionLeaderEpoch);
    }

    /// <summary>
    /// Marks the batch LogAppendTime (attribute bit 3) with maxTimestamp = <paramref name="appendTimeMs"/>
    /// and recomputes the CRC, as a broker does for topics with message.timestamp.type=LogAppendTime.
    /// </summary>
    public static void SetLogAppendTime(Span<byte> batch, long appendTimeMs)
    {
        EnsureHeader(batch);
        short attributes = BinaryPrimitives.ReadInt16BigEndian(batch[AttributesOffset..]);
        BinaryPrimitives.WriteInt16BigEndian(batch[AttributesOffset..], (short)(attributes | TimestampTypeFlag));
        BinaryPrimitives.WriteInt64BigEndian(batch[MaxTimestampOffset..], appendTimeMs);
        UpdateCrc(batch);
    }

    /// <summary>Recomputes and stores the CRC-32C over bytes 21..end.</summary>
    public static void UpdateCrc(Span<byte> batch)
    {
        EnsureHeader(batch);
        BinaryPrimitives.WriteUInt32BigEndian(batch[CrcOffset..], Crc32C.Compute(batch[AttributesOffset..]));
    }

    private static void EnsureHeader(ReadOnlySpan<byte> batch)
    {
        if (batch.Length < HeaderSize)
        {
            throw new ArgumentException($"A record batch has at least {HeaderSize} bytes; got {batch.Length}.", nameof(batch));
        }
    }
}
