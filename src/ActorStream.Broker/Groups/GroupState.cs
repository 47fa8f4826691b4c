namespace ActorStream.Broker.Groups;

/// <summary>
/// The state of a classic consumer group, as Kafka's group coordinator names them. See
/// <see cref="GroupCoordinatorState"/> for the transitions. <see cref="GroupStateExtensions.ToKafkaName"/>
/// gives the string DescribeGroups and ListGroups put on the wire.
/// </summary>
public enum GroupState
{
    /// <summary>The group has no members (it may still hold committed offsets).</summary>
    Empty,

    /// <summary>A rebalance started: the coordinator collects JoinGroup requests.</summary>
    PreparingRebalance,

    /// <summary>The join phase finished; the coordinator waits for the leader's SyncGroup.</summary>
    CompletingRebalance,

    /// <summary>The leader's assignment is stored; members heartbeat and commit.</summary>
    Stable,

    /// <summary>The group does not exist (never created, or deleted).</summary>
    Dead,
}
