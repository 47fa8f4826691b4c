namespace ActorStream.Client;

/// <summary>A topic and one of its partitions. Immutable; equal when both parts are equal.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition.</param>
public sealed record TopicPartition(string Topic, Partition Partition)
{
    /// <summary>"topic [3]".</summary>
    public override string ToString() => Topic + " " + Partition.ToString();
}
