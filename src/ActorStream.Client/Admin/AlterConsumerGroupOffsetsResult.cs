namespace ActorStream.Client.Admin;

/// <summary>The outcome of committing offsets for one group. Immutable.</summary>
/// <param name="Group">The group id.</param>
/// <param name="Partitions">Per partition: the offset and its error.</param>
/// <param name="Error">The group-level error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record AlterConsumerGroupOffsetsResult(string Group, List<TopicPartitionOffsetError> Partitions, KafkaError Error);
