namespace ActorStream.Client.Admin;

/// <summary>New partitions for a topic.</summary>
public sealed class PartitionsSpecification
{
    /// <summary>The topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The total number of partitions the topic should have (more than now).</summary>
    public int IncreaseTo { get; set; }

    /// <summary>Broker ids of the replicas of each new partition, or null to let the controller place them.</summary>
    public List<List<int>>? ReplicaAssignments { get; set; }
}
