namespace ActorStream.Broker.Partitions;

/// <summary>A batch held in the tail cache: its offsets and max timestamp (from the header) and its bytes.</summary>
internal readonly record struct CachedBatch(long BaseOffset, long LastOffset, long MaxTimestamp, ReadOnlyMemory<byte> Bytes);
