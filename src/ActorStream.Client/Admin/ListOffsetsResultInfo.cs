namespace ActorStream.Client.Admin;

/// <summary>A looked-up offset. Immutable.</summary>
/// <param name="TopicPartitionOffsetError">The partition, the offset (-1 if no record matches a timestamp) and the error.</param>
/// <param name="Timestamp">The timestamp of the record at the offset (-1 for earliest and latest).</param>
public sealed record ListOffsetsResultInfo(TopicPartitionOffsetError TopicPartitionOffsetError, long Timestamp);
