namespace ActorStream.Client.Admin;

/// <summary>A partition and which of its offsets to look up. Immutable.</summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="OffsetSpec">The offset to look up.</param>
public sealed record TopicPartitionOffsetSpec(TopicPartition TopicPartition, OffsetSpec OffsetSpec);
