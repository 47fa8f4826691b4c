namespace ActorStream.Broker.Partitions;

/// <summary>One appended batch of an idempotent producer: its sequence range and where it was stored.</summary>
internal readonly record struct ProducerBatchEntry(int FirstSequence, int LastSequence, long BaseOffset);
