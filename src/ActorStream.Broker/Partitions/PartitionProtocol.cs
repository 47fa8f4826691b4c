using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// The messages of a partition leader (<see cref="PartitionActor"/>): requests implement
/// <see cref="IPartitionCommand"/>, replies are sealed records sent to the requester. Immutable,
/// except that <see cref="Append.Records"/> passes its memory to the actor and a
/// <see cref="FetchResult.Lease"/> passes buffer references to the requester.
/// </summary>
public static class PartitionProtocol
{
    /// <summary>
    /// Appends the record batches of one produce request partition. Ownership of
    /// <paramref name="Records"/> passes to the actor: it rewrites base offset and leader epoch in
    /// place and keeps the bytes (tail cache, journal), so the sender must neither change nor reuse
    /// them. Replies <see cref="AppendResult"/> (also for acks=0, at once; the wire handler then sends nothing).
    /// </summary>
    /// <remarks><c>Records</c>: One or more RecordBatch v2, back to back, as received.</remarks>
    /// <remarks><c>Acks</c>: 0, 1 or -1 (all); anything else is INVALID_REQUIRED_ACKS.</remarks>
    /// <remarks><c>Timeout</c>: acks=-1 only: REQUEST_TIMED_OUT when the high watermark has not passed the batches by then.</remarks>
    public sealed record Append(string Topic, int Partition, ReadOnlyMemory<byte> Records, short Acks, TimeSpan Timeout) : IPartitionCommand
    {
        /// <summary>
        /// The pooled buffer <see cref="Records"/> lives in, if any: the message carries one reference,
        /// which the actor releases once it has handled the append (the cache and the journal write take
        /// their own). Without it the records are ordinary garbage-collected memory.
        /// </summary>
        public RecordsBuffer? Buffer { get; init; }
    }

    /// <summary>Outcome of <see cref="Append"/> (Kafka's produce partition response).</summary>
    /// <remarks><c>BaseOffset</c>: Offset of the first record appended (the original one for an idempotent duplicate); -1 on error.</remarks>
    /// <remarks><c>LogAppendTimeMs</c>: The broker's append time when the log uses LogAppendTime, else -1.</remarks>
    public sealed record AppendResult(string Topic, int Partition, ErrorCode Error, long BaseOffset, long LogAppendTimeMs, long LogStartOffset, string? ErrorMessage = null);

    /// <summary>Reads batches from <paramref name="FetchOffset"/>; replies <see cref="FetchResult"/>.</summary>
    /// <remarks><c>MaxBytes</c>: Soft limit: the first batch is returned whole even when larger (KIP-74).</remarks>
    public sealed record Fetch(string Topic, int Partition, long FetchOffset, int MaxBytes) : IPartitionCommand;

    /// <summary>
    /// Outcome of <see cref="Fetch"/>: whole batches in offset order, all below the high watermark; the
    /// first may start before the fetch offset (clients skip those records). Slices are read-only
    /// views of stored bytes: never change them.
    /// </summary>
    public sealed record FetchResult(
        string Topic,
        int Partition,
        ErrorCode Error,
        long HighWatermark,
        long LastStableOffset,
        long LogStartOffset,
        IReadOnlyList<ReadOnlyMemory<byte>> Batches,
        int TotalBytes)
    {
        /// <summary>
        /// When the batches live in pooled buffers (the tail cache), the references that keep them
        /// unchanged: dispose it once the bytes were written out. Not disposing only costs the pool its
        /// buffers; reading the batches after disposing may see other data.
        /// </summary>
        public IDisposable? Lease { get; init; }
    }

    /// <summary>
    /// Long-poll: replies <see cref="DataAvailable"/> as soon as the high watermark is above
    /// <paramref name="Offset"/> (at once if it already is), or when <paramref name="Timeout"/> elapses.
    /// </summary>
    public sealed record WaitForData(string Topic, int Partition, long Offset, TimeSpan Timeout) : IPartitionCommand;

    /// <summary>Reply to <see cref="WaitForData"/>; <paramref name="HighWatermark"/> &lt;= the offset means it timed out.</summary>
    public sealed record DataAvailable(string Topic, int Partition, long HighWatermark);

    /// <summary>
    /// Finds an offset by time: -2 earliest (log start), -1 latest (high watermark), -3 the first record
    /// holding the largest timestamp, otherwise the first record at or after both the log start and
    /// <paramref name="Timestamp"/> (ms), with that record's timestamp and its batch's leader epoch, as Kafka
    /// answers. Only the batch the time index points at is decoded (gzip decompressed); a batch whose codec
    /// cannot be decoded here (snappy, lz4, zstd) answers its first offset at or after the log start with its
    /// max timestamp. Replies <see cref="ListOffsetsResult"/>.
    /// </summary>
    public sealed record ListOffsets(string Topic, int Partition, long Timestamp) : IPartitionCommand
    {
        public const long Latest = -1;
        public const long Earliest = -2;
        public const long MaxTimestamp = -3;
    }

    /// <summary>Reply to <see cref="ListOffsets"/>; offset and timestamp are -1 when no record matches.</summary>
    public sealed record ListOffsetsResult(string Topic, int Partition, ErrorCode Error, long Timestamp, long Offset, int LeaderEpoch);

    /// <summary>Moves the log start offset to <paramref name="BeforeOffset"/> (-1 = high watermark); replies <see cref="DeleteRecordsResult"/>.</summary>
    public sealed record DeleteRecords(string Topic, int Partition, long BeforeOffset) : IPartitionCommand;

    /// <summary>Reply to <see cref="DeleteRecords"/>: the new log start offset (Kafka's low watermark).</summary>
    public sealed record DeleteRecordsResult(string Topic, int Partition, ErrorCode Error, long LowWatermark);

    /// <summary>Asks for <see cref="PartitionState"/>.</summary>
    public sealed record GetPartitionState(string Topic, int Partition) : IPartitionCommand;

    /// <summary>A view of the log: offsets, leader epoch, and the number and bytes of durable batches.</summary>
    public sealed record PartitionState(
        string Topic,
        int Partition,
        long LogStartOffset,
        long HighWatermark,
        long LogEndOffset,
        int LeaderEpoch,
        long BatchCount,
        long Bytes);

    /// <summary>Replaces the partition's config; replies <see cref="ConfigUpdated"/>. Retention applies at the next check.</summary>
    public sealed record UpdateConfig(string Topic, int Partition, PartitionConfig Config) : IPartitionCommand;

    /// <summary>Reply to <see cref="UpdateConfig"/>.</summary>
    public sealed record ConfigUpdated(string Topic, int Partition);

    /// <summary>
    /// Kafka's OffsetForLeaderEpoch on the leader: the end offset of <paramref name="LeaderEpoch"/> (the log end
    /// offset for the current epoch, else the start of the next known epoch). <paramref name="CurrentLeaderEpoch"/>
    /// (-1 = unchecked) fences clients that know another leader epoch: FENCED_LEADER_EPOCH when older,
    /// UNKNOWN_LEADER_EPOCH when newer. Replies <see cref="OffsetForLeaderEpochResult"/>.
    /// </summary>
    public sealed record OffsetForLeaderEpoch(string Topic, int Partition, int CurrentLeaderEpoch, int LeaderEpoch) : IPartitionCommand;

    /// <summary>Reply to <see cref="OffsetForLeaderEpoch"/>; epoch and end offset are -1 when the epoch is unknown.</summary>
    public sealed record OffsetForLeaderEpochResult(string Topic, int Partition, ErrorCode Error, int LeaderEpoch, long EndOffset);
}
