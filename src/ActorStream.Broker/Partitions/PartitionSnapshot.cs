namespace ActorStream.Broker.Partitions;

/// <summary>
/// Snapshot of a partition's durable state: everything needed to continue without replaying older
/// batches (they stay readable through the journal's offset and time index). Immutable.
/// </summary>
internal sealed record PartitionSnapshot(
    long LogStartOffset,
    long LogEndOffset,
    int LeaderEpoch,
    long BatchCount,
    long Bytes,
    long MaxTimestamp,
    long MaxTimestampOffset,
    IReadOnlyList<PartitionSnapshot.Producer> Producers)
{
    /// <summary>One producer's epoch and remembered batches, oldest first.</summary>
    internal sealed record Producer(long ProducerId, short Epoch, IReadOnlyList<ProducerBatchEntry> Batches);
}
