namespace ActorStream.Client.Admin;

/// <summary>A group and the partitions whose committed offsets to list. Immutable.</summary>
/// <param name="Group">The group id.</param>
/// <param name="TopicPartitions">The partitions, or null for every partition with a committed offset.</param>
public sealed record ConsumerGroupTopicPartitions(string Group, List<TopicPartition>? TopicPartitions);
