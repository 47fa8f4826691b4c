namespace ActorStream.Broker.Groups;

/// <summary>Why a member left the group (recorded in <see cref="GroupEvents.MemberRemoved"/>).</summary>
public enum MemberRemovalReason
{
    /// <summary>LeaveGroup (by member id, or by group.instance.id from an admin client).</summary>
    Left,

    /// <summary>No heartbeat within the member's session timeout.</summary>
    SessionTimeout,

    /// <summary>A new member's JoinGroup stayed parked longer than the new-member join timeout.</summary>
    JoinTimeout,

    /// <summary>A dynamic member did not rejoin before the rebalance timeout.</summary>
    NotRejoined,

    /// <summary>The member did not send SyncGroup before the rebalance timeout after the join phase.</summary>
    SyncTimeout,

    /// <summary>The member rejoined a full group (group.max.size) and lost its place.</summary>
    GroupMaxSizeReached,
}
