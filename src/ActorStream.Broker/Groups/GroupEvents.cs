namespace ActorStream.Broker.Groups;

/// <summary>
/// The durable events of a group: what Kafka writes as group-metadata and offset-commit records, at the
/// grain of single changes. <see cref="GroupCoordinatorState.Apply"/> is the only code that changes the
/// durable state, and replaying a group's events in order rebuilds generation, members, leader,
/// protocol, assignments and offsets exactly. Every time-dependent value is carried in the event.
/// </summary>
public static class GroupEvents
{
    /// <summary>The group came into existence (first JoinGroup, or a simple consumer's first commit): Dead → Empty.</summary>
    public sealed record GroupCreated(long TimestampMs) : IGroupEvent;

    /// <summary>A member was added. The first member fixes the group's protocol type; the first member with no leader becomes leader.</summary>
    public sealed record MemberJoined(
        string MemberId,
        string? GroupInstanceId,
        string ClientId,
        string ClientHost,
        int SessionTimeoutMs,
        int RebalanceTimeoutMs,
        string ProtocolType,
        IReadOnlyList<MemberProtocol> Protocols) : IGroupEvent;

    /// <summary>A member rejoined with different protocols or timeouts.</summary>
    public sealed record MemberUpdated(
        string MemberId,
        int SessionTimeoutMs,
        int RebalanceTimeoutMs,
        IReadOnlyList<MemberProtocol> Protocols) : IGroupEvent;

    /// <summary>
    /// A static member rejoined under a new member id: the new id takes the old member's place, client
    /// id, host, protocols and assignment (and leadership); the old id is fenced.
    /// </summary>
    public sealed record StaticMemberReplaced(string GroupInstanceId, string OldMemberId, string NewMemberId) : IGroupEvent;

    /// <summary>A member left or was removed. A removed leader is replaced by the first remaining member.</summary>
    public sealed record MemberRemoved(string MemberId, MemberRemovalReason Reason) : IGroupEvent;

    /// <summary>
    /// Empty, Stable or CompletingRebalance → PreparingRebalance. Leaving CompletingRebalance discards
    /// the (never stored) assignments.
    /// </summary>
    public sealed record RebalanceStarted(string Reason, long TimestampMs) : IGroupEvent;

    /// <summary>
    /// The join phase completed: the next generation with its protocol and leader. PreparingRebalance →
    /// CompletingRebalance, or → Empty when no member is left (protocol and leader then null).
    /// </summary>
    public sealed record GroupRebalanced(int GenerationId, string? ProtocolName, string? LeaderId, long TimestampMs) : IGroupEvent;

    /// <summary>
    /// The leader's assignment for the generation was stored (one entry per member, empty bytes for
    /// members the leader left out): CompletingRebalance → Stable.
    /// </summary>
    public sealed record AssignmentsStored(int GenerationId, IReadOnlyList<MemberAssignment> Assignments, long TimestampMs) : IGroupEvent;

    /// <summary>Offsets were committed (one entry per partition; later entries overwrite earlier ones).</summary>
    public sealed record OffsetsCommitted(IReadOnlyList<CommittedOffset> Offsets) : IGroupEvent;

    /// <summary>The retention sweep removed these partitions' committed offsets.</summary>
    public sealed record OffsetsExpired(IReadOnlyList<TopicPartition> Partitions, long TimestampMs) : IGroupEvent;

    /// <summary>The group and all its offsets were deleted (DeleteGroups, or the sweep emptied it): → Dead.</summary>
    public sealed record GroupDeleted(long TimestampMs) : IGroupEvent;
}
