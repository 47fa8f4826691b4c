namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// A partition assignment strategy (Kafka's ConsumerPartitionAssignor). Each member advertises the
/// assignors it supports in JoinGroup; the elected leader runs the one the coordinator picked over
/// every member's subscription. Implementations are stateless and thread-safe.
/// </summary>
internal interface IPartitionAssignor
{
    /// <summary>The protocol name in JoinGroup (range, roundrobin, sticky, cooperative-sticky).</summary>
    string Name { get; }

    /// <summary>True if the assignor supports incremental cooperative rebalancing (KIP-429).</summary>
    bool SupportsCooperative { get; }

    /// <summary>The user data a member puts in its subscription, given what it was last assigned and in which generation.</summary>
    /// <param name="lastAssignment">The member's assignment from its last completed rebalance.</param>
    /// <param name="generation">The generation of that rebalance, -1 when none.</param>
    byte[]? SubscriptionUserData(IReadOnlyList<TopicPartition> lastAssignment, int generation);

    /// <summary>
    /// Assigns the partitions of the subscribed topics. Topics missing from
    /// <paramref name="partitionsPerTopic"/> do not exist and get no partitions.
    /// </summary>
    /// <param name="partitionsPerTopic">Partition count of each subscribed topic that exists.</param>
    /// <param name="members">Every member of the group.</param>
    /// <returns>Every member's partitions, sorted by topic and partition (possibly empty).</returns>
    Dictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members);
}
