using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Network;

/// <summary>One partition as the last Metadata response described it. Immutable.</summary>
/// <param name="Partition">Partition index.</param>
/// <param name="Leader">Node id of the leader, -1 when there is none.</param>
/// <param name="LeaderEpoch">Leader epoch, -1 when unknown.</param>
/// <param name="Replicas">Node ids of the replicas.</param>
/// <param name="Isr">Node ids of the in-sync replicas.</param>
/// <param name="OfflineReplicas">Node ids of offline replicas.</param>
/// <param name="Error">Partition-level error (LEADER_NOT_AVAILABLE while a leader is elected).</param>
internal sealed record PartitionInfo(int Partition, int Leader, int LeaderEpoch, int[] Replicas, int[] Isr, int[] OfflineReplicas, ErrorCode Error);
