using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class RecoveryTests
{
    [Fact]
    public void Replay_StableGroupWithOffsets_RebuildsIdenticalDurableState()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(3);
        h.Commit(ids[0], 1, new OffsetCommitPartition("topic-a", 0, 10, 1, "x"));
        h.Commit(ids[1], 1, new OffsetCommitPartition("topic-a", 1, 20));

        var recovered = h.Recover(h.Now, out _);

        Assert.Equal(DurableState.Render(h.Group), DurableState.Render(recovered));
        Assert.Equal(GroupState.Stable, recovered.State);
        Assert.Equal(3, recovered.Members.Count);
    }

    [Fact]
    public void Replay_ChurnScenario_RebuildsIdenticalDurableState()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        long s = h.SendJoin(instanceId: "static-a", clientId: "static");
        h.SendJoin(ids[0], "client-0");
        h.SendJoin(ids[1], "client-1", protocols: [new MemberProtocol("range", GroupHarness.Subscription("topic-a", "topic-b"))]);
        string staticId = h.ReplyTo<JoinGroupReply>(s).MemberId;
        h.SendSync(ids[0], 2, [new MemberAssignment(ids[0], GroupHarness.Assignment("topic-a", 0)), new MemberAssignment(staticId, GroupHarness.Assignment("topic-b", 0))]);
        h.SendSync(ids[1], 2);
        h.SendSync(staticId, 2, instanceId: "static-a");
        h.Commit(staticId, 2, new OffsetCommitPartition("topic-b", 0, 5));
        h.SendJoin(instanceId: "static-a", clientId: "static");
        h.Leave(3, new LeavingMember(ids[1], null));
        h.Advance(GroupHarness.RebalanceTimeoutMs);
        h.Commit("", -1, new OffsetCommitPartition("unused", 0, 1));
        Assert.True(h.Journal.Count > 15);

        var recovered = h.Recover(h.Now, out _);

        Assert.Equal(DurableState.Render(h.Group), DurableState.Render(recovered));
    }

    [Fact]
    public void Replay_AfterRetentionDeletedGroup_RecoversDeadGroup()
    {
        var h = new GroupHarness();
        h.Commit("", -1, new OffsetCommitPartition("a", 0, 1));
        h.Now += 8L * 24 * 60 * 60 * 1000;
        h.Handle(ExpireOffsets.Instance);

        var recovered = h.Recover(h.Now, out var recovery);

        Assert.Equal(GroupState.Dead, recovered.State);
        Assert.Empty(recovered.Offsets);
        Assert.Empty(recovery.Timers);
        Assert.Equal(DurableState.Render(h.Group), DurableState.Render(recovered));
    }

    [Fact]
    public void Recovery_Stable_EveryMemberGetsAFreshSessionDeadline()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        long recoveredAt = h.Now + 60_000;

        var recovered = h.Recover(recoveredAt, out var recovery);

        Assert.Equal(
            [new TimerRequest("session/" + ids[0], recoveredAt + GroupHarness.SessionTimeoutMs), new TimerRequest("session/" + ids[1], recoveredAt + GroupHarness.SessionTimeoutMs)],
            recovery.Timers);
        Assert.Empty(recovery.Events);
        Assert.Equal(ErrorCode.None, recovered.Handle(new GroupProtocol.Heartbeat(1, ids[0], null, 1), recoveredAt + 1).Replies.OfType<HeartbeatReply>().Single().Error);

        var expiry = recovered.Handle(Tick.Instance, recoveredAt + GroupHarness.SessionTimeoutMs);
        Assert.Contains(new GroupEvents.MemberRemoved(ids[1], MemberRemovalReason.SessionTimeout), expiry.Events);
        Assert.True(recovered.TryGetMember(ids[0], out _));
    }

    [Fact]
    public void Recovery_DuringPreparingRebalance_MembersRejoinAndJoinPhaseCompletes()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        h.SendJoin(ids[0], "client-0", protocols: [new MemberProtocol("range", GroupHarness.Subscription("topic-z"))]);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);

        var recovered = h.Recover(h.Now, out var recovery);

        Assert.Equal(GroupState.PreparingRebalance, recovered.State);
        Assert.Contains(new TimerRequest("join", h.Now + GroupHarness.RebalanceTimeoutMs), recovery.Timers);
        var first = recovered.Handle(new JoinGroup(1, 5, ids[0], null, "client-0", "/127.0.0.1", 10_000, 30_000, "consumer", GroupHarness.Protocols("range")), h.Now);
        Assert.Empty(first.Replies);
        var second = recovered.Handle(new JoinGroup(2, 5, ids[1], null, "client-1", "/127.0.0.1", 10_000, 30_000, "consumer", GroupHarness.Protocols("range")), h.Now);
        Assert.Equal(2, second.Replies.Count);
        Assert.All(second.Replies, r => Assert.Equal(2, Assert.IsType<JoinGroupReply>(r).GenerationId));
    }

    [Fact]
    public void Recovery_DuringCompletingRebalance_LeaderSyncCompletesGeneration()
    {
        var h = new GroupHarness();
        var (member, _) = h.JoinNew();
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);

        var recovered = h.Recover(h.Now, out var recovery);

        Assert.Contains(new TimerRequest("sync", h.Now + GroupHarness.RebalanceTimeoutMs), recovery.Timers);
        Assert.Equal([member], recovered.PendingSyncMemberIds);
        var sync = recovered.Handle(new SyncGroup(9, member, null, 1, null, null, [new MemberAssignment(member, GroupHarness.Assignment("t", 0))]), h.Now);
        Assert.Equal(ErrorCode.None, Assert.IsType<SyncGroupReply>(Assert.Single(sync.Replies)).Error);
        Assert.Equal(GroupState.Stable, recovered.State);
    }

    [Fact]
    public void Recovery_DuringInitialRebalanceDelay_MemberRejoinCompletesWithoutWaitingTheDelay()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var (member, _) = h.JoinNew();
        long recoveredAt = h.Now + 500;

        var recovered = h.Recover(recoveredAt, out var recovery);

        Assert.Contains(new TimerRequest("join", recoveredAt + GroupHarness.RebalanceTimeoutMs), recovery.Timers);
        var rejoin = recovered.Handle(new JoinGroup(5, 5, member, null, "client", "/127.0.0.1", 10_000, 30_000, "consumer", GroupHarness.Protocols("range")), recoveredAt + 100);
        Assert.Equal(GroupState.CompletingRebalance, recovered.State);
        Assert.Equal(1, Assert.IsType<JoinGroupReply>(Assert.Single(rejoin.Replies)).GenerationId);
    }

    [Fact]
    public void Recovery_DuringRebalanceMemberNeverReturns_RemovedWhenItsFreshSessionExpires()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var (member, _) = h.JoinNew();

        var recovered = h.Recover(h.Now, out _);
        var early = recovered.Handle(Tick.Instance, h.Now + GroupHarness.SessionTimeoutMs - 1);
        var tick = recovered.Handle(Tick.Instance, h.Now + GroupHarness.SessionTimeoutMs);

        Assert.Empty(early.Events);
        Assert.Contains(new GroupEvents.MemberRemoved(member, MemberRemovalReason.SessionTimeout), tick.Events);
        Assert.Equal(GroupState.Empty, recovered.State);
    }

    [Fact]
    public void Apply_EventThatDoesNotFitTheState_Throws()
    {
        var group = new GroupCoordinatorState("g");

        Assert.Throws<InvalidOperationException>(() => group.Apply(new GroupEvents.AssignmentsStored(1, [], 0)));
        Assert.Throws<InvalidOperationException>(() => group.Apply(new GroupEvents.MemberRemoved("m", MemberRemovalReason.Left)));
        group.Apply(new GroupEvents.GroupCreated(0));
        Assert.Throws<InvalidOperationException>(() => group.Apply(new GroupEvents.GroupCreated(1)));
    }

    [Fact]
    public void Handle_ReturnsEventsAlreadyApplied_ReplayingThemOnTopWouldBeRejected()
    {
        var h = new GroupHarness();
        var (member, _) = h.JoinNew();
        var joined = h.Journal.OfType<GroupEvents.MemberJoined>().Single();

        Assert.True(h.Group.TryGetMember(member, out _));
        Assert.Throws<InvalidOperationException>(() => h.Group.Apply(joined));
    }
}
