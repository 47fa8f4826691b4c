namespace ActorStream.Client;

/// <summary>A position in a partition with the outcome of the operation that produced it. Immutable.</summary>
/// <param name="TopicPartitionOffset">The position.</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
/// <param name="Metadata">Metadata stored with a committed offset, if any.</param>
public sealed record TopicPartitionOffsetError(TopicPartitionOffset TopicPartitionOffset, KafkaError Error, string? Metadata = null)
{
    /// <summary>The topic.</summary>
    public string Topic => TopicPartitionOffset.Topic;

    /// <summary>The partition.</summary>
    public Partition Partition => TopicPartitionOffset.Partition;

    /// <summary>The offset.</summary>
    public Offset Offset => TopicPartitionOffset.Offset;

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => TopicPartitionOffset.TopicPartition;
}
