using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class SessionTimeoutTests
{
    [Fact]
    public void SessionTimeout_NoHeartbeat_MemberRemovedAtDeadlineAndGroupRebalances()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        h.Now += 1000;
        h.Heartbeat(ids[0], 1);
        long deadline = h.Now + GroupHarness.SessionTimeoutMs;
        Assert.True(h.Group.TryGetMember(ids[1], out var silent));
        long silentDeadline = silent.HeartbeatDeadlineMs;
        Assert.True(silentDeadline <= deadline);

        h.Now = silentDeadline - 1;
        h.Handle(Tick.Instance);
        Assert.True(h.Group.TryGetMember(ids[1], out _));

        h.Now = silentDeadline;
        h.Handle(Tick.Instance);

        Assert.False(h.Group.TryGetMember(ids[1], out _));
        Assert.Equal(new GroupEvents.MemberRemoved(ids[1], MemberRemovalReason.SessionTimeout), h.Last.Events[0]);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat(ids[0], 1).Error);
    }

    [Fact]
    public void SessionTimeout_HeartbeatsKeepMemberAlive_StaleTimerIsRearmed()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        long firstDue = h.Now + GroupHarness.SessionTimeoutMs;

        h.Now += 4000;
        h.Heartbeat(member, 1);
        h.Now = firstDue;
        h.Handle(Tick.Instance);

        Assert.True(h.Group.TryGetMember(member, out var m));
        Assert.Equal(new TimerRequest("session/" + member, firstDue + 4000), Assert.Single(h.Last.Timers));
        Assert.Empty(h.Last.Events);

        h.Now = firstDue + 4000;
        h.Handle(Tick.Instance);
        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Empty(h.Group.Members);
        Assert.Equal(MemberRemovalReason.SessionTimeout, Assert.IsType<GroupEvents.MemberRemoved>(h.Last.Events[0]).Reason);
        Assert.NotNull(m);
    }

    [Fact]
    public void SessionTimeout_MemberParkedInJoinGroup_IsNotExpired()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        long rejoin = h.SendJoin(ids[0], "client-0", sessionTimeoutMs: 6000);
        Assert.False(h.HasReply(rejoin));

        // ids[0] waits in JoinGroup and so needs no heartbeat; ids[1] neither rejoins nor heartbeats.
        h.Advance(GroupHarness.SessionTimeoutMs);

        Assert.True(h.Group.TryGetMember(ids[0], out _));
        Assert.False(h.Group.TryGetMember(ids[1], out _));
        var reply = h.ReplyTo<JoinGroupReply>(rejoin);
        Assert.Equal(2, reply.GenerationId);
        Assert.Single(reply.Members);
    }

    [Fact]
    public void SessionTimeout_NewMemberParkedTooLong_RemovedByJoinTimeout()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000, NewMemberJoinTimeoutMs = 20_000 });
        var ids = h.StableMembers(2);
        var (newcomer, join) = h.JoinNew("late", rebalanceTimeoutMs: 60_000);
        for (int i = 0; i < 4; i++)
        {
            h.Advance(5000);
            h.Heartbeat(ids[0], 1);
            h.Heartbeat(ids[1], 1);
        }

        Assert.False(h.Group.TryGetMember(newcomer, out _));
        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<JoinGroupReply>(join).Error);
        Assert.Contains(h.Journal, e => e is GroupEvents.MemberRemoved { Reason: MemberRemovalReason.JoinTimeout } r && r.MemberId == newcomer);
    }

    [Fact]
    public void SessionTimeout_PendingMemberNeverRejoins_IsForgotten()
    {
        var h = new GroupHarness();
        long join = h.SendJoin();
        string pending = h.ReplyTo<JoinGroupReply>(join).MemberId;

        h.Advance(GroupHarness.SessionTimeoutMs);

        Assert.DoesNotContain(pending, h.Group.PendingMemberIds);
        long late = h.SendJoin(pending);
        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<JoinGroupReply>(late).Error);
    }

    [Fact]
    public void SessionTimeout_PendingMemberBlocksJoinPhaseUntilItExpires()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        long required = h.SendJoin(clientId: "slow");
        string pending = h.ReplyTo<JoinGroupReply>(required).MemberId;
        Assert.Equal(ErrorCode.MemberIdRequired, h.ReplyTo<JoinGroupReply>(required).Error);

        long leaderRejoin = h.SendJoin(member);

        // Every known member rejoined, but the member id handed out is still expected back.
        Assert.False(h.HasReply(leaderRejoin));
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Contains(pending, h.Group.PendingMemberIds);
        h.Advance(GroupHarness.SessionTimeoutMs - 1);
        Assert.False(h.HasReply(leaderRejoin));

        h.Advance(1);

        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(leaderRejoin).GenerationId);
        Assert.Empty(h.Group.PendingMemberIds);
    }

    [Fact]
    public void SessionTimeout_OffsetCommitFromMember_ExtendsSession()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Now += 8000;
        h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 10));

        h.Now += 8000;
        h.Handle(Tick.Instance);

        Assert.True(h.Group.TryGetMember(member, out _));
    }
}
