namespace ActorStream.Client.Admin;

/// <summary>A topic to create.</summary>
public sealed class TopicSpecification
{
    /// <summary>The topic name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Number of partitions; -1 uses the broker's num.partitions (CreateTopics v4+).</summary>
    public int NumPartitions { get; set; } = -1;

    /// <summary>Replicas per partition; -1 uses the broker's default.replication.factor (CreateTopics v4+).</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>Explicit replica placement, partition → broker ids (then leave the count and factor at -1).</summary>
    public Dictionary<int, List<int>>? ReplicasAssignments { get; set; }

    /// <summary>Topic configuration (retention.ms, cleanup.policy …).</summary>
    public Dictionary<string, string>? Configs { get; set; }
}
