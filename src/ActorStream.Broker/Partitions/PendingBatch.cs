namespace ActorStream.Broker.Partitions;

/// <summary>A batch whose journal write is in flight, in write order; producer fields are -1 for non-idempotent batches.</summary>
internal readonly record struct PendingBatch(PendingAppend Append, long ProducerId, short ProducerEpoch, int FirstSequence, int LastSequence, long BaseOffset, int Size);
