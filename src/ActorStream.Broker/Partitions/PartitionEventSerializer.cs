using System.Buffers.Binary;
using ActorStream.Serialization;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// Stores the partition's journal events and snapshots. A <see cref="StoredBatch"/> is written as its
/// raw batch bytes without a copy (manifest "B"); <see cref="LogStartOffsetMoved"/> ("S") and
/// <see cref="PartitionSnapshot"/> ("P") as small big-endian records. Stateless and thread-safe.
/// </summary>
internal sealed class PartitionEventSerializer : SerializerWithStringManifest
{
    /// <summary>Stable id stored with every partition event.</summary>
    public const int Id = 310;

    public static PartitionEventSerializer Instance { get; } = new();

    public override int Identifier => Id;

    public override string Manifest(object obj) => obj switch
    {
        StoredBatch => "B",
        LogStartOffsetMoved => "S",
        PartitionSnapshot => "P",
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType().FullName}.", nameof(obj)),
    };

    public override bool TryGetBinary(object obj, out ReadOnlyMemory<byte> bytes)
    {
        if (obj is StoredBatch batch)
        {
            bytes = batch.Bytes;
            return true;
        }

        bytes = default;
        return false;
    }

    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case StoredBatch batch:
                return batch.Bytes.ToArray();
            case LogStartOffsetMoved moved:
                var b = new byte[40];
                BinaryPrimitives.WriteInt64BigEndian(b, moved.LogStartOffset);
                BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(8), moved.DeletedBatches);
                BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(16), moved.DeletedBytes);
                BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(24), moved.RemainingBatches);
                BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(32), moved.RemainingBytes);
                return b;
            case PartitionSnapshot snapshot:
                return WriteSnapshot(snapshot);
            default:
                throw new ArgumentException($"Cannot serialize {obj.GetType().FullName}.", nameof(obj));
        }
    }

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "B" => new StoredBatch(bytes),
        "S" => new LogStartOffsetMoved(
            BinaryPrimitives.ReadInt64BigEndian(bytes),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16)),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(24)),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(32))),
        "P" => ReadSnapshot(bytes),
        _ => throw new SerializerNotFoundException($"Unknown partition event manifest '{manifest}'."),
    };

    private static byte[] WriteSnapshot(PartitionSnapshot s)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(1); // format version
            w.Write(s.LogStartOffset);
            w.Write(s.LogEndOffset);
            w.Write(s.LeaderEpoch);
            w.Write(s.BatchCount);
            w.Write(s.Bytes);
            w.Write(s.MaxTimestamp);
            w.Write(s.MaxTimestampOffset);
            w.Write(s.Producers.Count);
            foreach (var p in s.Producers)
            {
                w.Write(p.ProducerId);
                w.Write(p.Epoch);
                w.Write(p.Batches.Count);
                foreach (var e in p.Batches)
                {
                    w.Write(e.FirstSequence);
                    w.Write(e.LastSequence);
                    w.Write(e.BaseOffset);
                }
            }
        }

        return stream.ToArray();
    }

    private static PartitionSnapshot ReadSnapshot(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        var version = r.ReadInt32();
        if (version != 1)
        {
            throw new SerializerNotFoundException($"Unknown partition snapshot format {version}.");
        }

        var logStart = r.ReadInt64();
        var logEnd = r.ReadInt64();
        var epoch = r.ReadInt32();
        var count = r.ReadInt64();
        var size = r.ReadInt64();
        var maxTs = r.ReadInt64();
        var maxTsOffset = r.ReadInt64();
        var producers = new PartitionSnapshot.Producer[r.ReadInt32()];
        for (var i = 0; i < producers.Length; i++)
        {
            var pid = r.ReadInt64();
            var pe = r.ReadInt16();
            var entries = new ProducerBatchEntry[r.ReadInt32()];
            for (var j = 0; j < entries.Length; j++)
            {
                entries[j] = new ProducerBatchEntry(r.ReadInt32(), r.ReadInt32(), r.ReadInt64());
            }

            producers[i] = new PartitionSnapshot.Producer(pid, pe, entries);
        }

        return new PartitionSnapshot(logStart, logEnd, epoch, count, size, maxTs, maxTsOffset, producers);
    }
}
