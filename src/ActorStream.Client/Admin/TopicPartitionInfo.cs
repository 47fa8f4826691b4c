namespace ActorStream.Client.Admin;

/// <summary>One partition of a described topic. Immutable.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Leader">The leader, or null if there is none.</param>
/// <param name="Replicas">The replicas.</param>
/// <param name="ISR">The in-sync replicas.</param>
public sealed record TopicPartitionInfo(int Partition, Node? Leader, List<Node> Replicas, List<Node> ISR);
