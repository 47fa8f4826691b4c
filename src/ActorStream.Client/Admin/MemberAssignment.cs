namespace ActorStream.Client.Admin;

/// <summary>The partitions assigned to a group member. Immutable.</summary>
/// <param name="TopicPartitions">The partitions.</param>
public sealed record MemberAssignment(List<TopicPartition> TopicPartitions);
