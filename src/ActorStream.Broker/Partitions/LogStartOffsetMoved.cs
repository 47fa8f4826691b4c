namespace ActorStream.Broker.Partitions;

/// <summary>
/// Journal event: the log start offset moved to <paramref name="LogStartOffset"/> (DeleteRecords or
/// retention); <paramref name="DeletedBatches"/> whole batches of <paramref name="DeletedBytes"/> bytes
/// left the log, and <paramref name="RemainingBatches"/>/<paramref name="RemainingBytes"/> are what the
/// log holds in every batch written before this event. The live actor applies the deltas; recovery
/// (whose replay no longer sees the deleted batches) takes the remaining totals. Journal events up to
/// the last deleted batch are deleted once this event is stored.
/// </summary>
internal sealed record LogStartOffsetMoved(long LogStartOffset, long DeletedBatches, long DeletedBytes, long RemainingBatches, long RemainingBytes);
