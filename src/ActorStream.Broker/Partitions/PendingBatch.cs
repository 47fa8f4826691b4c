namespace ActorStream.Broker.Partitions;

/// <summary>
/// A batch whose journal write is in flight, in write order; producer fields are -1 for non-idempotent
/// batches. <paramref name="Buffer"/>: the reference that keeps pooled bytes unchanged while the journal
/// writes them, released once the journal answered (stored or rejected), never on a failure.
/// </summary>
internal readonly record struct PendingBatch(PendingAppend Append, long ProducerId, short ProducerEpoch, int FirstSequence, int LastSequence, long BaseOffset, int Size, RecordsBuffer? Buffer = null);
