namespace ActorStream.Client;

/// <summary>The outcome of an operation on one partition. Immutable.</summary>
/// <param name="TopicPartition">The topic and partition.</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record TopicPartitionError(TopicPartition TopicPartition, KafkaError Error)
{
    /// <summary>The topic.</summary>
    public string Topic => TopicPartition.Topic;

    /// <summary>The partition.</summary>
    public Partition Partition => TopicPartition.Partition;
}
