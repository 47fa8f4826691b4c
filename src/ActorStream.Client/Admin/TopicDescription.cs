namespace ActorStream.Client.Admin;

/// <summary>A described topic. Immutable.</summary>
/// <param name="Name">The topic.</param>
/// <param name="TopicId">Its id (zero if the broker does not report ids).</param>
/// <param name="IsInternal">True for internal topics.</param>
/// <param name="Partitions">Its partitions, by partition number.</param>
/// <param name="Error">The topic's error (UNKNOWN_TOPIC_OR_PARTITION …), or <see cref="KafkaError.NoError"/>.</param>
public sealed record TopicDescription(string Name, Guid TopicId, bool IsInternal, List<TopicPartitionInfo> Partitions, KafkaError Error);
