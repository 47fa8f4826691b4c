namespace ActorStream.Client;

/// <summary>A partition as listed in a Metadata response. Immutable.</summary>
/// <param name="PartitionId">The partition.</param>
/// <param name="Leader">Node id of the leader, -1 if none.</param>
/// <param name="Replicas">Node ids of the replicas.</param>
/// <param name="InSyncReplicas">Node ids of the in-sync replicas.</param>
/// <param name="Error">The partition's error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record PartitionMetadata(int PartitionId, int Leader, int[] Replicas, int[] InSyncReplicas, KafkaError Error);
