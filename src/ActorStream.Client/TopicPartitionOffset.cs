namespace ActorStream.Client;

/// <summary>A position in a partition: topic, partition and offset. Immutable.</summary>
/// <param name="TopicPartition">The topic and partition.</param>
/// <param name="Offset">The offset.</param>
/// <param name="LeaderEpoch">The leader epoch of the record at the offset, if known.</param>
public sealed record TopicPartitionOffset(TopicPartition TopicPartition, Offset Offset, int? LeaderEpoch = null)
{
    /// <summary>Creates a position from its parts.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="offset">The offset.</param>
    /// <param name="leaderEpoch">The leader epoch, if known.</param>
    public TopicPartitionOffset(string topic, Partition partition, Offset offset, int? leaderEpoch = null)
        : this(new TopicPartition(topic, partition), offset, leaderEpoch)
    {
    }

    /// <summary>The topic.</summary>
    public string Topic => TopicPartition.Topic;

    /// <summary>The partition.</summary>
    public Partition Partition => TopicPartition.Partition;

    /// <summary>"topic [3] @42".</summary>
    public override string ToString() => TopicPartition + " @" + Offset.ToString();
}
