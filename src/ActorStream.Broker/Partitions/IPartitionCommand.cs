namespace ActorStream.Broker.Partitions;

/// <summary>Marks a message addressed to one partition's <see cref="PartitionActor"/> (the routing key).</summary>
public interface IPartitionCommand
{
    /// <summary>The topic name.</summary>
    string Topic { get; }

    /// <summary>The partition index within <see cref="Topic"/>.</summary>
    int Partition { get; }
}
