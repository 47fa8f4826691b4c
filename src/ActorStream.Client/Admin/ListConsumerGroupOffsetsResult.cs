namespace ActorStream.Client.Admin;

/// <summary>The committed offsets of one group. Immutable.</summary>
/// <param name="Group">The group id.</param>
/// <param name="Partitions">Per partition: the committed offset (<see cref="Offset.Unset"/> if none), its metadata and error.</param>
/// <param name="Error">The group-level error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record ListConsumerGroupOffsetsResult(string Group, List<TopicPartitionOffsetError> Partitions, KafkaError Error);
