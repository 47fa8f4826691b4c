using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

/// <summary>
/// Drives one <see cref="GroupCoordinatorState"/> with an explicit clock, caller-side request ids, a
/// journal of every emitted event and a log of every reply, as the group's persistent actor will.
/// </summary>
internal sealed class GroupHarness
{
    public const int SessionTimeoutMs = 10_000;
    public const int RebalanceTimeoutMs = 30_000;

    private long _nextRequestId = 100;
    private int _nextGuid;

    public GroupHarness(GroupCoordinatorConfig? config = null, string groupId = "group-1", long startMs = 1_000_000)
    {
        Config = config ?? new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0 };
        GroupId = groupId;
        Now = startMs;
        Group = new GroupCoordinatorState(groupId, Config, NextGuid);
    }

    public GroupCoordinatorConfig Config { get; }

    public string GroupId { get; }

    public GroupCoordinatorState Group { get; }

    public long Now { get; set; }

    public List<IGroupEvent> Journal { get; } = [];

    public List<IGroupReply> Replies { get; } = [];

    public GroupCoordinatorResult Last { get; private set; } = GroupCoordinatorResult.Empty;

    public static IReadOnlyList<MemberProtocol> Protocols(params string[] names)
    {
        var protocols = new MemberProtocol[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            protocols[i] = new MemberProtocol(names[i], Subscription("topic-a"));
        }

        return protocols;
    }

    public static byte[] Subscription(params string[] topics) =>
        ConsumerProtocol.Write(new ConsumerProtocolSubscription { Topics = [.. topics], UserData = [] }, 0);

    public static byte[] Assignment(string topic, params int[] partitions) =>
        ConsumerProtocol.Write(
            new ConsumerProtocolAssignment
            {
                AssignedPartitions = [new ConsumerProtocolAssignment.TopicPartition { Topic = topic, Partitions = [.. partitions] }],
                UserData = [],
            },
            0);

    public long NextRequestId() => _nextRequestId++;

    public GroupCoordinatorResult Handle(IGroupCommand command)
    {
        Last = Group.Handle(command, Now);
        Journal.AddRange(Last.Events);
        Replies.AddRange(Last.Replies);
        return Last;
    }

    public GroupCoordinatorResult Advance(long ms)
    {
        Now += ms;
        return Handle(Tick.Instance);
    }

    public T ReplyTo<T>(long requestId)
        where T : IGroupReply
    {
        IGroupReply? found = null;
        foreach (var reply in Replies)
        {
            if (reply.RequestId == requestId)
            {
                Assert.Null(found);
                found = reply;
            }
        }

        Assert.NotNull(found);
        return Assert.IsType<T>(found);
    }

    public bool HasReply(long requestId)
    {
        foreach (var reply in Replies)
        {
            if (reply.RequestId == requestId)
            {
                return true;
            }
        }

        return false;
    }

    public long SendJoin(
        string memberId = "",
        string clientId = "client",
        short version = 5,
        string? instanceId = null,
        int sessionTimeoutMs = SessionTimeoutMs,
        int rebalanceTimeoutMs = RebalanceTimeoutMs,
        string protocolType = "consumer",
        IReadOnlyList<MemberProtocol>? protocols = null)
    {
        long id = NextRequestId();
        Handle(new JoinGroup(
            id,
            version,
            memberId,
            instanceId,
            clientId,
            "/127.0.0.1",
            sessionTimeoutMs,
            rebalanceTimeoutMs,
            protocolType,
            protocols ?? Protocols("range")));
        return id;
    }

    /// <summary>A v5 dynamic member's first join: MEMBER_ID_REQUIRED, then the rejoin with the id. Returns (member id, parked request id).</summary>
    public (string MemberId, long JoinRequestId) JoinNew(
        string clientId = "client",
        IReadOnlyList<MemberProtocol>? protocols = null,
        int sessionTimeoutMs = SessionTimeoutMs,
        int rebalanceTimeoutMs = RebalanceTimeoutMs)
    {
        long first = SendJoin(clientId: clientId, protocols: protocols, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs);
        var required = ReplyTo<JoinGroupReply>(first);
        Assert.Equal(ErrorCode.MemberIdRequired, required.Error);
        long second = SendJoin(required.MemberId, clientId, protocols: protocols, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs);
        return (required.MemberId, second);
    }

    public long SendSync(string memberId, int generationId, IReadOnlyList<MemberAssignment>? assignments = null, string? instanceId = null, string? protocolType = null, string? protocolName = null)
    {
        long id = NextRequestId();
        Handle(new SyncGroup(id, memberId, instanceId, generationId, protocolType, protocolName, assignments ?? []));
        return id;
    }

    public HeartbeatReply Heartbeat(string memberId, int generationId, string? instanceId = null)
    {
        long id = NextRequestId();
        Handle(new GroupProtocol.Heartbeat(id, memberId, instanceId, generationId));
        return ReplyTo<HeartbeatReply>(id);
    }

    public LeaveGroupReply Leave(short version, params LeavingMember[] members)
    {
        long id = NextRequestId();
        Handle(new LeaveGroup(id, version, members));
        return ReplyTo<LeaveGroupReply>(id);
    }

    public OffsetCommitReply Commit(string memberId, int generationId, params OffsetCommitPartition[] partitions) =>
        CommitWith(memberId, generationId, null, 8, -1, partitions);

    public OffsetCommitReply CommitWith(string memberId, int generationId, string? instanceId, short version, long retentionTimeMs, params OffsetCommitPartition[] partitions)
    {
        long id = NextRequestId();
        Handle(new OffsetCommit(id, version, memberId, instanceId, generationId, retentionTimeMs, partitions));
        return ReplyTo<OffsetCommitReply>(id);
    }

    public OffsetFetchReply Fetch(params TopicPartition[]? partitions)
    {
        long id = NextRequestId();
        Handle(new OffsetFetch(id, partitions));
        return ReplyTo<OffsetFetchReply>(id);
    }

    public DescribeGroupReply Describe()
    {
        long id = NextRequestId();
        Handle(new DescribeGroup(id));
        return ReplyTo<DescribeGroupReply>(id);
    }

    /// <summary>One member joins and syncs as leader: the group is Stable at generation 1.</summary>
    public string StableSingleMember(string clientId = "client")
    {
        var (memberId, join) = JoinNew(clientId);
        var reply = ReplyTo<JoinGroupReply>(join);
        Assert.Equal(ErrorCode.None, reply.Error);
        long sync = SendSync(memberId, reply.GenerationId, [new MemberAssignment(memberId, Assignment("topic-a", 0, 1))]);
        Assert.Equal(ErrorCode.None, ReplyTo<SyncGroupReply>(sync).Error);
        Assert.Equal(GroupState.Stable, Group.State);
        return memberId;
    }

    /// <summary>
    /// Builds a Stable group of <paramref name="count"/> dynamic members at generation 1 (using the initial
    /// rebalance delay of the configuration, which must be greater than 0 for more than one member).
    /// </summary>
    public string[] StableMembers(int count)
    {
        var ids = new string[count];
        var joins = new long[count];
        for (int i = 0; i < count; i++)
        {
            (ids[i], joins[i]) = JoinNew("client-" + i);
        }

        for (int guard = 0; guard < 20 && Group.State == GroupState.PreparingRebalance; guard++)
        {
            Advance(Math.Max(Config.InitialRebalanceDelayMs, 1));
        }

        Assert.Equal(GroupState.CompletingRebalance, Group.State);
        var leader = Group.LeaderId!;
        var assignments = new MemberAssignment[count];
        for (int i = 0; i < count; i++)
        {
            assignments[i] = new MemberAssignment(ids[i], Assignment("topic-a", i));
        }

        var syncs = new long[count];
        for (int i = 0; i < count; i++)
        {
            syncs[i] = SendSync(ids[i], Group.GenerationId, ids[i] == leader ? assignments : null);
        }

        Assert.Equal(GroupState.Stable, Group.State);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(ErrorCode.None, ReplyTo<SyncGroupReply>(syncs[i]).Error);
        }

        return ids;
    }

    /// <summary>A fresh coordinator recovered from this harness's journal at time <paramref name="nowMs"/>.</summary>
    public GroupCoordinatorState Recover(long nowMs, out GroupCoordinatorResult recovery)
    {
        var recovered = new GroupCoordinatorState(GroupId, Config, () => throw new InvalidOperationException("Replay must not generate ids."));
        foreach (var groupEvent in Journal)
        {
            recovered.Apply(groupEvent);
        }

        recovery = recovered.OnRecoveryCompleted(nowMs);
        return recovered;
    }

    private Guid NextGuid()
    {
        _nextGuid++;
        return new Guid(_nextGuid, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
    }
}
