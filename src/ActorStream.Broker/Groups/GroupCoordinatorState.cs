using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>
/// The coordinator of one classic consumer group (Kafka's GroupMetadataManager + ClassicGroup) as a pure,
/// deterministic state machine in the shape of Kafka's CoordinatorShard: <see cref="Handle"/> takes a
/// command and the current time and returns a <see cref="GroupCoordinatorResult"/> (events to persist,
/// replies, timer requests). Durable state changes only in <see cref="Apply"/>; Handle applies the events
/// it emits as it emits them (as Kafka's runtime replays records when they are generated), so the caller
/// persists them and must not apply them again. Recovery replays the journal through
/// <see cref="Apply"/> and then calls <see cref="OnRecoveryCompleted"/>.
/// <para>
/// Session state (parked JoinGroup/SyncGroup requests, heartbeat, join and sync deadlines, pending
/// member ids from MEMBER_ID_REQUIRED) is kept beside the durable state and is not persisted; after
/// recovery every member gets a fresh session deadline, as after a Kafka coordinator failover.
/// </para>
/// <para>No I/O, no clock, no threads: not thread-safe; one owner (the group's actor) drives it.</para>
/// <para>
/// The owner's contract: for each request, call <see cref="Handle"/> with the current time; persist the
/// result's events (all, in order, before handling the next command); then send each reply to the
/// reply-to kept under its request id (a reply may answer a request parked by an earlier command); start
/// the requested timers (one per key, replacing the previous) and send <see cref="GroupProtocol.Tick"/>
/// when one fires; send <see cref="GroupProtocol.ExpireOffsets"/> every
/// <see cref="GroupCoordinatorConfig.OffsetsRetentionCheckIntervalMs"/>. If persisting fails, restart and
/// recover: Apply every journaled event, then <see cref="OnRecoveryCompleted"/>, whose result carries
/// timers only.
/// </para>
/// <code>
///            GroupCreated (first JoinGroup, or a simple consumer's first commit)
///   +------+ ---------------------------------------------> +-------+
///   | Dead |                                                 | Empty | &lt;-------------------+
///   +------+ &lt;--------------------------------------------- +-------+                     |
///            GroupDeleted (DeleteGroups, or the retention        | a member joins          | join phase ends
///            sweep once no offsets are left)                     v (initial delay)         | with no members
///                                                      +--------------------+              |
///                              +---------------------> | PreparingRebalance | -------------+
///                              |                       +--------------------+
///                              |                                 | every known member rejoined, or the
///                              | join, leave, expiry,            | rebalance timeout (laggards removed):
///                              | sync timeout                    v generation + 1 (GroupRebalanced)
///                              |                      +---------------------+
///                              +--------------------- | CompletingRebalance |
///                              |                      +---------------------+
///                              |                                 | the leader's SyncGroup
///                              | new member, leader rejoins,     v (AssignmentsStored)
///                              | changed metadata, leave,   +--------+
///                              +--------------------------- | Stable |
///                                expiry, sync timeout        +--------+
/// </code>
/// </summary>
public sealed partial class GroupCoordinatorState
{
    private const long NoDeadline = long.MaxValue;
    private const string NoLeader = "";
    private const string JoinTimerKey = "join";
    private const string SyncTimerKey = "sync";
    private const string SessionTimerPrefix = "session/";
    private const string PendingTimerPrefix = "pending/";
    private const string ClassicGroupType = "classic";

    private static readonly GroupProtocol.JoinGroupMember[] s_noJoinMembers = [];

    private readonly string _groupId;
    private readonly GroupCoordinatorConfig _config;
    private readonly Func<Guid> _newGuid;
    private readonly ResultBuilder _result = new();

    // Durable state: changed only by Apply.
    private readonly OrderedDictionary<string, GroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _staticMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _protocolSupport = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, CommittedOffset> _offsets = [];
    private GroupState _state = GroupState.Dead;
    private GroupState _previousState = GroupState.Dead;
    private long _stateTimestampMs = -1;
    private int _generationId;
    private string? _protocolType;
    private string? _protocolName;
    private string? _leaderId;
    private HashSet<string>? _subscribedTopics;

    // Session state: changed by the handlers, never persisted.
    private readonly Dictionary<string, long> _pendingMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSyncMembers = new(StringComparer.Ordinal);
    private int _awaitingJoinCount;
    private long _joinDeadlineMs = NoDeadline;
    private bool _joinInInitialDelay;
    private int _initialDelayMs;
    private int _initialRemainingMs;
    private bool _newMemberAdded;
    private long _syncDeadlineMs = NoDeadline;
    private int _syncGenerationId;

    /// <summary>Creates the coordinator of group <paramref name="groupId"/>; the group starts Dead (not existing).</summary>
    /// <param name="groupId">The group id this instance owns.</param>
    /// <param name="config">Settings; null for Kafka's defaults.</param>
    /// <param name="newGuid">Source of the UUID part of generated member ids; null for <see cref="Guid.NewGuid"/>.
    /// Generated ids are written into events, so replay does not call it.</param>
    public GroupCoordinatorState(string groupId, GroupCoordinatorConfig? config = null, Func<Guid>? newGuid = null)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        _groupId = groupId;
        _config = config ?? GroupCoordinatorConfig.Default;
        _newGuid = newGuid ?? Guid.NewGuid;
    }

    /// <summary>The group id.</summary>
    public string GroupId => _groupId;

    /// <summary>The settings in force.</summary>
    public GroupCoordinatorConfig Config => _config;

    /// <summary>Current state (Dead when the group does not exist).</summary>
    public GroupState State => _state;

    /// <summary>The state before the latest transition (an initial rebalance is one whose previous state is Empty).</summary>
    public GroupState PreviousState => _previousState;

    /// <summary>When the group entered its current state (epoch ms), or -1.</summary>
    public long StateTimestampMs => _stateTimestampMs;

    /// <summary>The generation id (0 before the first rebalance completes).</summary>
    public int GenerationId => _generationId;

    /// <summary>The protocol type ("consumer"), fixed by the first member; null for a simple (commit-only) group.</summary>
    public string? ProtocolType => _protocolType;

    /// <summary>The assignor chosen for the current generation; null when Empty.</summary>
    public string? ProtocolName => _protocolName;

    /// <summary>The leader's member id, or null.</summary>
    public string? LeaderId => _leaderId;

    /// <summary>Members in the order they joined.</summary>
    public IReadOnlyList<GroupMember> Members => _members.Values;

    /// <summary>Committed offsets by partition.</summary>
    public IReadOnlyDictionary<TopicPartition, CommittedOffset> Offsets => _offsets;

    /// <summary>
    /// Topics the members subscribe to (protocol type "consumer"), or null when unknown; offsets of other
    /// topics expire while the group is Stable.
    /// </summary>
    public IReadOnlySet<string>? SubscribedTopics => _subscribedTopics;

    /// <summary>Session state: member ids handed out with MEMBER_ID_REQUIRED that have not rejoined yet.</summary>
    public IReadOnlyCollection<string> PendingMemberIds => _pendingMembers.Keys;

    /// <summary>Session state: members of the current generation that have not sent SyncGroup yet.</summary>
    public IReadOnlyCollection<string> PendingSyncMemberIds => _pendingSyncMembers;

    /// <summary>Session state: when the running join phase ends (epoch ms), or null.</summary>
    public long? JoinDeadlineMs => _joinDeadlineMs == NoDeadline ? null : _joinDeadlineMs;

    /// <summary>Session state: when members that have not synced are removed (epoch ms), or null.</summary>
    public long? SyncDeadlineMs => _syncDeadlineMs == NoDeadline ? null : _syncDeadlineMs;

    /// <summary>The member with id <paramref name="memberId"/>.</summary>
    public bool TryGetMember(string memberId, out GroupMember member) =>
        _members.TryGetValue(memberId, out member!);

    /// <summary>The member id a static member (group.instance.id) is known by, or null.</summary>
    public string? StaticMemberId(string groupInstanceId) =>
        _staticMembers.TryGetValue(groupInstanceId, out var memberId) ? memberId : null;

    /// <summary>
    /// Handles one command at time <paramref name="nowMs"/> (epoch ms, from the owner's clock). Applies
    /// the events it returns.
    /// </summary>
    public GroupCoordinatorResult Handle(IGroupCommand command, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(command);
        _result.Clear();
        switch (command)
        {
            case GroupProtocol.Heartbeat heartbeat:
                return HandleHeartbeat(heartbeat, nowMs);
            case GroupProtocol.OffsetCommit commit:
                HandleOffsetCommit(commit, nowMs);
                break;
            case GroupProtocol.OffsetFetch fetch:
                HandleOffsetFetch(fetch);
                break;
            case GroupProtocol.JoinGroup join:
                HandleJoinGroup(join, nowMs);
                break;
            case GroupProtocol.SyncGroup sync:
                HandleSyncGroup(sync, nowMs);
                break;
            case GroupProtocol.LeaveGroup leave:
                HandleLeaveGroup(leave, nowMs);
                break;
            case GroupProtocol.Tick:
                HandleTick(nowMs);
                break;
            case GroupProtocol.ExpireOffsets:
                HandleExpireOffsets(nowMs);
                break;
            case GroupProtocol.DescribeGroup describe:
                HandleDescribeGroup(describe);
                break;
            case GroupProtocol.ListGroup list:
                HandleListGroup(list);
                break;
            case GroupProtocol.DeleteGroup delete:
                HandleDeleteGroup(delete, nowMs);
                break;
            default:
                throw new ArgumentException($"Unknown group command {command.GetType().Name}.", nameof(command));
        }

        return _result.Build();
    }

    private void Emit(IGroupEvent groupEvent)
    {
        Apply(groupEvent);
        _result.AddEvent(groupEvent);
    }

    private void Reply(IGroupReply reply) => _result.AddReply(reply);

    private void RequestTimer(string key, long dueAtMs) => _result.AddTimer(new TimerRequest(key, dueAtMs));

    /// <summary>Sets a member's heartbeat deadline, asking for a timer only when none is due before it.</summary>
    private void ScheduleHeartbeat(GroupMember member, long deadlineMs)
    {
        member.HeartbeatDeadlineMs = deadlineMs;
        if (deadlineMs < member.SessionTimerDueMs)
        {
            member.SessionTimerDueMs = deadlineMs;
            RequestTimer(SessionTimerPrefix + member.MemberId, deadlineMs);
        }
    }

    /// <summary>Kafka's validateMember: FENCED_INSTANCE_ID / UNKNOWN_MEMBER_ID, else NONE with the member.</summary>
    private ErrorCode ValidateMember(string memberId, string? groupInstanceId, out GroupMember member)
    {
        if (groupInstanceId is not null)
        {
            if (!_staticMembers.TryGetValue(groupInstanceId, out var existing))
            {
                member = null!;
                return ErrorCode.UnknownMemberId;
            }

            if (!string.Equals(existing, memberId, StringComparison.Ordinal))
            {
                member = null!;
                return ErrorCode.FencedInstanceId;
            }
        }

        return _members.TryGetValue(memberId, out member!) ? ErrorCode.None : ErrorCode.UnknownMemberId;
    }

    /// <summary>The rebalance timeout of the group: the largest of its members'.</summary>
    private int GroupRebalanceTimeoutMs()
    {
        int max = 0;
        foreach (var member in _members.Values)
        {
            if (member.RebalanceTimeoutMs > max)
            {
                max = member.RebalanceTimeoutMs;
            }
        }

        return max;
    }

    private bool HasAllMembersJoined() => _members.Count == _awaitingJoinCount && _pendingMembers.Count == 0;

    private void SetAwaitingJoin(GroupMember member, long requestId, short apiVersion)
    {
        if (member.AwaitingJoinRequestId is { } superseded)
        {
            // A retried JoinGroup replaces the parked one; answer the old request so no reply-to leaks.
            Reply(JoinError(superseded, ErrorCode.RebalanceInProgress, member.MemberId));
        }
        else
        {
            _awaitingJoinCount++;
        }

        member.AwaitingJoinRequestId = requestId;
        member.AwaitingJoinApiVersion = apiVersion;
    }

    /// <summary>Takes the parked JoinGroup of <paramref name="member"/>, if any, so it can be answered.</summary>
    private bool TryTakeAwaitingJoin(GroupMember member, out long requestId)
    {
        if (member.AwaitingJoinRequestId is not { } id)
        {
            requestId = 0;
            return false;
        }

        member.AwaitingJoinRequestId = null;
        _awaitingJoinCount--;
        requestId = id;
        return true;
    }

    /// <summary>Takes the parked SyncGroup of <paramref name="member"/>, if any, so it can be answered.</summary>
    private static bool TryTakeAwaitingSync(GroupMember member, out long requestId)
    {
        if (member.AwaitingSyncRequestId is not { } id)
        {
            requestId = 0;
            return false;
        }

        member.AwaitingSyncRequestId = null;
        requestId = id;
        return true;
    }

    private static GroupProtocol.JoinGroupReply JoinError(long requestId, ErrorCode error, string memberId) =>
        new(requestId, error, -1, null, null, NoLeader, false, memberId, s_noJoinMembers);

    private static GroupProtocol.SyncGroupReply SyncError(long requestId, ErrorCode error) =>
        new(requestId, error, null, null, ReadOnlyMemory<byte>.Empty);

    private void ResetSessionState()
    {
        _pendingMembers.Clear();
        _pendingSyncMembers.Clear();
        _awaitingJoinCount = 0;
        _joinDeadlineMs = NoDeadline;
        _joinInInitialDelay = false;
        _newMemberAdded = false;
        _syncDeadlineMs = NoDeadline;
    }
}
