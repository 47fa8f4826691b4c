namespace ActorStream.Client;

/// <summary>A topic as listed in a Metadata response. Immutable.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partitions">Its partitions, by partition id.</param>
/// <param name="Error">The topic's error (e.g. UNKNOWN_TOPIC_OR_PARTITION), or <see cref="KafkaError.NoError"/>.</param>
public sealed record TopicMetadata(string Topic, List<PartitionMetadata> Partitions, KafkaError Error);
