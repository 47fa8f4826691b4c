namespace ActorStream.Broker.Groups;

/// <summary>A topic name and partition index; the key of committed offsets.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}-{Partition}";
}
