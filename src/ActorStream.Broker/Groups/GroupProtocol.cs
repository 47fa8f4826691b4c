using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>
/// Commands a <see cref="GroupCoordinatorState"/> handles and the replies it produces, one pair per Kafka
/// group API. Request ids are chosen by the caller (who keeps the reply-to); every reply carries the id
/// of the request it answers. Messages are immutable.
/// </summary>
public static class GroupProtocol
{
    /// <summary>JoinGroup (API 11, v0–9). Answered at once with an error, or parked until the join phase ends.</summary>
    /// <param name="RequestId">Caller's id for the reply.</param>
    /// <param name="ApiVersion">
    /// The request version: v0 has no rebalance timeout (the session timeout is used), v4+ gets
    /// MEMBER_ID_REQUIRED for a dynamic member without a member id, v9+ may skip the assignment.
    /// </param>
    /// <param name="MemberId">"" for a new member.</param>
    /// <param name="GroupInstanceId">group.instance.id of a static member, else null.</param>
    /// <param name="ClientId">The request header's client id.</param>
    /// <param name="ClientHost">The client's address as DescribeGroups shows it ("/127.0.0.1").</param>
    /// <param name="SessionTimeoutMs">session.timeout.ms.</param>
    /// <param name="RebalanceTimeoutMs">max.poll.interval.ms (ignored for v0).</param>
    /// <param name="ProtocolType">"consumer" for consumers.</param>
    /// <param name="Protocols">Assignors with their metadata, in the member's preference order.</param>
    /// <param name="Reason">v8+ client reason, for logs.</param>
    public sealed record JoinGroup(
        long RequestId,
        short ApiVersion,
        string MemberId,
        string? GroupInstanceId,
        string ClientId,
        string ClientHost,
        int SessionTimeoutMs,
        int RebalanceTimeoutMs,
        string ProtocolType,
        IReadOnlyList<MemberProtocol> Protocols,
        string? Reason = null) : IGroupCommand;

    /// <summary>A member as the leader's JoinGroup response lists it, with its metadata for the chosen protocol.</summary>
    public sealed record JoinGroupMember(string MemberId, string? GroupInstanceId, ReadOnlyMemory<byte> Metadata);

    /// <summary>JoinGroup response. Only the leader gets <see cref="Members"/>; followers get an empty list.</summary>
    /// <param name="RequestId">The JoinGroup this answers.</param>
    /// <param name="Error">NONE, or the reason the join failed (MEMBER_ID_REQUIRED carries the member id to rejoin with).</param>
    /// <param name="GenerationId">The new generation, or -1 on errors.</param>
    /// <param name="ProtocolType">The group's protocol type (sent from v7), null on errors.</param>
    /// <param name="ProtocolName">The chosen assignor, null on errors.</param>
    /// <param name="LeaderId">The leader's member id, "" on errors.</param>
    /// <param name="SkipAssignment">v9+: the rejoining static leader keeps the current assignment.</param>
    /// <param name="MemberId">The member id the client must use from now on ("" when it has none).</param>
    /// <param name="Members">All members with their metadata (leader only).</param>
    public sealed record JoinGroupReply(
        long RequestId,
        ErrorCode Error,
        int GenerationId,
        string? ProtocolType,
        string? ProtocolName,
        string LeaderId,
        bool SkipAssignment,
        string MemberId,
        IReadOnlyList<JoinGroupMember> Members) : IGroupReply;

    /// <summary>SyncGroup (API 14, v0–5). The leader sends the assignments; followers send none and wait for them.</summary>
    /// <param name="RequestId">Caller's id for the reply (a follower's reply may come with a later result).</param>
    /// <param name="MemberId">The member id from JoinGroup.</param>
    /// <param name="GroupInstanceId">group.instance.id of a static member, else null.</param>
    /// <param name="GenerationId">The generation from JoinGroup.</param>
    /// <param name="ProtocolType">v5+: must match the group's, else INCONSISTENT_GROUP_PROTOCOL; null before v5.</param>
    /// <param name="ProtocolName">v5+: must match the chosen assignor; null before v5.</param>
    /// <param name="Assignments">The leader's assignment per member; empty from followers.</param>
    public sealed record SyncGroup(
        long RequestId,
        string MemberId,
        string? GroupInstanceId,
        int GenerationId,
        string? ProtocolType,
        string? ProtocolName,
        IReadOnlyList<MemberAssignment> Assignments) : IGroupCommand;

    /// <summary>SyncGroup response: the member's own assignment (empty on errors).</summary>
    public sealed record SyncGroupReply(
        long RequestId,
        ErrorCode Error,
        string? ProtocolType,
        string? ProtocolName,
        ReadOnlyMemory<byte> Assignment) : IGroupReply;

    /// <summary>Heartbeat (API 12, v0–4).</summary>
    public sealed record Heartbeat(long RequestId, string MemberId, string? GroupInstanceId, int GenerationId) : IGroupCommand;

    /// <summary>Heartbeat response: NONE, REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID.</summary>
    public sealed record HeartbeatReply(long RequestId, ErrorCode Error) : IGroupReply;

    /// <summary>One member leaving: by member id, or (admin clients) by group.instance.id with member id "".</summary>
    public sealed record LeavingMember(string MemberId, string? GroupInstanceId, string? Reason = null);

    /// <summary>LeaveGroup (API 13): v0–2 carry one member, v3+ a batch.</summary>
    public sealed record LeaveGroup(long RequestId, short ApiVersion, IReadOnlyList<LeavingMember> Members) : IGroupCommand;

    /// <summary>The outcome for one leaving member (v3+ per-member errors).</summary>
    public sealed record LeftMember(string MemberId, string? GroupInstanceId, ErrorCode Error);

    /// <summary>
    /// LeaveGroup response. <see cref="Error"/> is the top-level error: UNKNOWN_MEMBER_ID when the group
    /// does not exist, and for v0–2 the single member's error.
    /// </summary>
    public sealed record LeaveGroupReply(long RequestId, ErrorCode Error, IReadOnlyList<LeftMember> Members) : IGroupReply;

    /// <summary>One partition of an OffsetCommit.</summary>
    /// <param name="Topic">Topic name.</param>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Offset">The offset to commit (next record to consume).</param>
    /// <param name="LeaderEpoch">v6+ committed leader epoch, -1 when unknown.</param>
    /// <param name="Metadata">Client metadata (offset.metadata.max.bytes applies), may be null.</param>
    /// <param name="CommitTimestampMs">v1 explicit commit timestamp, -1 for "now".</param>
    public sealed record OffsetCommitPartition(
        string Topic,
        int Partition,
        long Offset,
        int LeaderEpoch = -1,
        string? Metadata = "",
        long CommitTimestampMs = -1);

    /// <summary>OffsetCommit (API 8, v0–9). Answered once the committed offsets are persisted.</summary>
    /// <param name="RequestId">Caller's id for the reply.</param>
    /// <param name="ApiVersion">v9+ answers GROUP_ID_NOT_FOUND instead of ILLEGAL_GENERATION for an unknown group.</param>
    /// <param name="MemberId">"" for simple (standalone) consumers.</param>
    /// <param name="GenerationId">-1 for simple consumers.</param>
    /// <param name="GroupInstanceId">group.instance.id of a static member, else null.</param>
    /// <param name="RetentionTimeMs">v2–v4 retention_time_ms; -1 = offsets.retention.minutes.</param>
    /// <param name="Partitions">The offsets to commit.</param>
    public sealed record OffsetCommit(
        long RequestId,
        short ApiVersion,
        string MemberId,
        string? GroupInstanceId,
        int GenerationId,
        long RetentionTimeMs,
        IReadOnlyList<OffsetCommitPartition> Partitions) : IGroupCommand;

    /// <summary>The outcome for one committed partition.</summary>
    public sealed record OffsetCommitPartitionResult(string Topic, int Partition, ErrorCode Error);

    /// <summary>OffsetCommit response. A group-level error is repeated on every partition, as Kafka does.</summary>
    public sealed record OffsetCommitReply(long RequestId, IReadOnlyList<OffsetCommitPartitionResult> Partitions) : IGroupReply;

    /// <summary>OffsetFetch (API 9): the listed partitions, or all committed ones when <see cref="Partitions"/> is null.</summary>
    public sealed record OffsetFetch(long RequestId, IReadOnlyList<TopicPartition>? Partitions) : IGroupCommand;

    /// <summary>One fetched offset: offset -1, epoch -1, metadata "" and error NONE when nothing is committed.</summary>
    public sealed record FetchedOffset(string Topic, int Partition, long Offset, int LeaderEpoch, string? Metadata, ErrorCode Error);

    /// <summary>OffsetFetch response (top-level error for v2+).</summary>
    public sealed record OffsetFetchReply(long RequestId, ErrorCode Error, IReadOnlyList<FetchedOffset> Partitions) : IGroupReply;

    /// <summary>DescribeGroups (API 15) for this group.</summary>
    public sealed record DescribeGroup(long RequestId) : IGroupCommand;

    /// <summary>
    /// A member as DescribeGroups shows it. Metadata and assignment are filled only while the group is
    /// Stable, as Kafka does.
    /// </summary>
    public sealed record DescribedMember(
        string MemberId,
        string? GroupInstanceId,
        string ClientId,
        string ClientHost,
        ReadOnlyMemory<byte> Metadata,
        ReadOnlyMemory<byte> Assignment);

    /// <summary>
    /// DescribeGroups entry. <see cref="State"/> is spelled as Kafka spells it; a group that does not exist
    /// is "Dead" with no members. <see cref="ProtocolData"/> is the chosen assignor while Stable, else "".
    /// </summary>
    public sealed record DescribeGroupReply(
        long RequestId,
        ErrorCode Error,
        string GroupId,
        string State,
        string ProtocolType,
        string ProtocolData,
        IReadOnlyList<DescribedMember> Members) : IGroupReply;

    /// <summary>
    /// ListGroups (API 16) for this group: the owner fans out over its groups and gathers the replies.
    /// Filters are compared case-insensitively; null or empty means no filter.
    /// </summary>
    /// <param name="RequestId">Caller's id for the reply.</param>
    /// <param name="StatesFilter">v4+: state names ("Stable", "Empty", …).</param>
    /// <param name="TypesFilter">v5+: group types; this coordinator's groups are "classic".</param>
    public sealed record ListGroup(long RequestId, IReadOnlyList<string>? StatesFilter, IReadOnlyList<string>? TypesFilter) : IGroupCommand;

    /// <summary>A ListGroups entry.</summary>
    public sealed record ListedGroup(string GroupId, string ProtocolType, string GroupState, string GroupType);

    /// <summary>ListGroups answer for this group: null when the group does not exist or is filtered out.</summary>
    public sealed record ListGroupReply(long RequestId, ListedGroup? Group) : IGroupReply;

    /// <summary>DeleteGroups (API 42) for this group: only an Empty group can be deleted.</summary>
    public sealed record DeleteGroup(long RequestId) : IGroupCommand;

    /// <summary>DeleteGroups result: NONE, NON_EMPTY_GROUP or GROUP_ID_NOT_FOUND.</summary>
    public sealed record DeleteGroupReply(long RequestId, ErrorCode Error) : IGroupReply;

    /// <summary>
    /// Time passed: expire session, join, sync and pending-member deadlines that are due. Send it when a
    /// <see cref="TimerRequest"/> fires (any key).
    /// </summary>
    public sealed record Tick : IGroupCommand
    {
        public static Tick Instance { get; } = new();

        private Tick()
        {
        }
    }

    /// <summary>
    /// The offsets-retention sweep (every offsets.retention.check.interval.ms): expires committed offsets
    /// past retention and deletes the group when it is Empty and has no offsets left.
    /// </summary>
    public sealed record ExpireOffsets : IGroupCommand
    {
        public static ExpireOffsets Instance { get; } = new();

        private ExpireOffsets()
        {
        }
    }
}
