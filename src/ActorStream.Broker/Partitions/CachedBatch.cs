namespace ActorStream.Broker.Partitions;

/// <summary>
/// A batch held in the tail cache: its offsets and max timestamp (from the header) and its bytes; when
/// the bytes live in a pooled <see cref="RecordsBuffer"/>, the cache holds one reference to it.
/// </summary>
internal readonly record struct CachedBatch(long BaseOffset, long LastOffset, long MaxTimestamp, ReadOnlyMemory<byte> Bytes, RecordsBuffer? Buffer = null);
