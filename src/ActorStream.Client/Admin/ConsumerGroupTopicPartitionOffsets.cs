namespace ActorStream.Client.Admin;

/// <summary>A group and the offsets to commit for it. Immutable.</summary>
/// <param name="Group">The group id (the group must have no active members).</param>
/// <param name="TopicPartitionOffsets">The offsets.</param>
public sealed record ConsumerGroupTopicPartitionOffsets(string Group, List<TopicPartitionOffset> TopicPartitionOffsets);
