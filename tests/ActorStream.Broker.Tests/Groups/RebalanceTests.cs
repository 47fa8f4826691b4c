using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class RebalanceTests
{
    private static GroupCoordinatorConfig Delayed(int delayMs = 3000) => new() { InitialRebalanceDelayMs = delayMs };

    [Fact]
    public void InitialRebalance_SecondMemberJoinsWithinDelay_OneGenerationForBoth()
    {
        var h = new GroupHarness(Delayed());
        long t0 = h.Now;
        var (m1, j1) = h.JoinNew("c1");
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(t0 + 3000, h.Group.JoinDeadlineMs);
        Assert.Contains(new TimerRequest("join", t0 + 3000), h.Last.Timers);

        h.Now = t0 + 1000;
        var (m2, j2) = h.JoinNew("c2");
        h.Now = t0 + 3000;
        h.Handle(Tick.Instance);

        // A member joined during the delay: the delay is extended once more.
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(t0 + 6000, h.Group.JoinDeadlineMs);
        h.Now = t0 + 6000;
        h.Handle(Tick.Instance);

        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        var leaderReply = h.ReplyTo<JoinGroupReply>(j1);
        var followerReply = h.ReplyTo<JoinGroupReply>(j2);
        Assert.Equal(1, leaderReply.GenerationId);
        Assert.Equal(1, followerReply.GenerationId);
        Assert.Equal(m1, leaderReply.LeaderId);
        Assert.Equal(m1, followerReply.LeaderId);
        Assert.Equal(2, leaderReply.Members.Count);
        Assert.Empty(followerReply.Members);
        Assert.Equal(m2, followerReply.MemberId);
    }

    [Fact]
    public void InitialRebalance_AllMembersJoined_StillWaitsForTheDelay()
    {
        var h = new GroupHarness(Delayed());
        long t0 = h.Now;
        var (_, join) = h.JoinNew();

        h.Now = t0 + 2999;
        h.Handle(Tick.Instance);
        Assert.False(h.HasReply(join));

        h.Now = t0 + 3000;
        h.Handle(Tick.Instance);
        Assert.Equal(ErrorCode.None, h.ReplyTo<JoinGroupReply>(join).Error);
    }

    [Fact]
    public void InitialRebalance_ExtensionsAreCappedByTheRebalanceTimeout()
    {
        var h = new GroupHarness(Delayed());
        long t0 = h.Now;
        h.JoinNew("c1", rebalanceTimeoutMs: 5000);
        h.Now = t0 + 1000;
        h.JoinNew("c2", rebalanceTimeoutMs: 5000);
        h.Now = t0 + 3000;
        h.Handle(Tick.Instance);
        Assert.Equal(t0 + 5000, h.Group.JoinDeadlineMs);

        h.Now = t0 + 4000;
        h.JoinNew("c3", rebalanceTimeoutMs: 5000);
        h.Now = t0 + 5000;
        h.Handle(Tick.Instance);

        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.Equal(3, h.Group.Members.Count);
    }

    [Fact]
    public void NewMemberJoinsStableGroup_ExistingMembersRejoin_NextGenerationWithAllThree()
    {
        var h = new GroupHarness(Delayed());
        var ids = h.StableMembers(2);

        var (m3, j3) = h.JoinNew("c3");
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat(ids[0], 1).Error);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat(ids[1], 1).Error);

        long j1 = h.SendJoin(ids[0], "client-0");
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        long j2 = h.SendJoin(ids[1], "client-1");

        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.Equal(2, h.Group.GenerationId);
        Assert.Equal(ids[0], h.Group.LeaderId);
        Assert.Equal(3, h.ReplyTo<JoinGroupReply>(j1).Members.Count);
        Assert.Empty(h.ReplyTo<JoinGroupReply>(j2).Members);
        Assert.Empty(h.ReplyTo<JoinGroupReply>(j3).Members);
        Assert.Equal(m3, h.ReplyTo<JoinGroupReply>(j3).MemberId);
    }

    [Fact]
    public void RebalanceTimeout_MemberThatDoesNotRejoin_IsRemoved()
    {
        var h = new GroupHarness(Delayed());
        var (m1, _) = h.JoinNew("c1", sessionTimeoutMs: 60_000);
        var (m2, _) = h.JoinNew("c2", sessionTimeoutMs: 60_000);
        h.Advance(3000);
        h.Advance(3000);
        h.SendSync(m1, 1, [new MemberAssignment(m1, GroupHarness.Assignment("t", 0)), new MemberAssignment(m2, GroupHarness.Assignment("t", 1))]);
        h.SendSync(m2, 1);
        Assert.Equal(GroupState.Stable, h.Group.State);
        long start = h.Now;

        var (_, j3) = h.JoinNew("c3", sessionTimeoutMs: 60_000);
        long j1 = h.SendJoin(m1, "c1", sessionTimeoutMs: 60_000);
        Assert.Equal(start + GroupHarness.RebalanceTimeoutMs, h.Group.JoinDeadlineMs);

        h.Now = start + GroupHarness.RebalanceTimeoutMs - 1;
        h.Handle(Tick.Instance);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);

        h.Now = start + GroupHarness.RebalanceTimeoutMs;
        h.Handle(Tick.Instance);

        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.False(h.Group.TryGetMember(m2, out _));
        Assert.Contains(new GroupEvents.MemberRemoved(m2, MemberRemovalReason.NotRejoined), h.Last.Events);
        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(j1).Members.Count);
        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(j3).GenerationId);
    }

    [Fact]
    public void RebalanceTimeout_LeaderDoesNotRejoin_RejoinedMemberBecomesLeader()
    {
        var h = new GroupHarness(Delayed());
        var ids = h.StableMembers(2);
        var changed = new[] { new MemberProtocol("range", GroupHarness.Subscription("topic-b")) };

        long j2 = h.SendJoin(ids[1], "client-1", protocols: changed);
        h.Advance(GroupHarness.SessionTimeoutMs / 2);
        h.Heartbeat(ids[0], 1);
        h.Advance(GroupHarness.SessionTimeoutMs / 2);
        h.Heartbeat(ids[0], 1);
        h.Advance(GroupHarness.RebalanceTimeoutMs - GroupHarness.SessionTimeoutMs);

        var reply = h.ReplyTo<JoinGroupReply>(j2);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(ids[1], reply.LeaderId);
        Assert.Single(reply.Members);
        Assert.Equal(ids[1], h.Group.LeaderId);
        Assert.False(h.Group.TryGetMember(ids[0], out _));
    }

    [Fact]
    public void LastMemberLeaves_GroupBecomesEmptyAtNextGeneration()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        var reply = h.Leave(3, new LeavingMember(member, null));

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Equal(2, h.Group.GenerationId);
        Assert.Null(h.Group.ProtocolName);
        Assert.Null(h.Group.LeaderId);
        Assert.Equal("consumer", h.Group.ProtocolType);
        Assert.Equal(new GroupEvents.GroupRebalanced(2, null, null, h.Now), h.Last.Events[^1]);
    }

    [Fact]
    public void MemberLeavesTwoMemberGroup_RemainingMemberRejoins_NextGeneration()
    {
        var h = new GroupHarness(Delayed());
        var ids = h.StableMembers(2);

        h.Leave(1, new LeavingMember(ids[0], null));
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(ids[1], h.Group.LeaderId);
        long join = h.SendJoin(ids[1], "client-1");

        var reply = h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(2, reply.GenerationId);
        Assert.Equal(ids[1], reply.LeaderId);
        Assert.Single(reply.Members);
    }

    [Fact]
    public void JoinDuringCompletingRebalance_ParkedSyncGetsRebalanceInProgress()
    {
        var h = new GroupHarness(Delayed());
        var (m1, _) = h.JoinNew("c1");
        var (m2, _) = h.JoinNew("c2");
        h.Advance(3000);
        h.Advance(3000);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        long followerSync = h.SendSync(m2, 1);
        Assert.False(h.HasReply(followerSync));

        h.JoinNew("c3");

        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.ReplyTo<SyncGroupReply>(followerSync).Error);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat(m1, 1).Error);
    }

    [Fact]
    public void RebalanceTimeout_OnlyAbsentStaticMembersLeft_WaitsUntilTheirSessionsExpire()
    {
        var h = new GroupHarness();
        long sJoin = h.SendJoin(instanceId: "static-1", sessionTimeoutMs: 120_000);
        string s = h.ReplyTo<JoinGroupReply>(sJoin).MemberId;
        long dJoin = h.SendJoin(clientId: "dynamic", version: 2);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        h.SendJoin(s, instanceId: "static-1", sessionTimeoutMs: 120_000);
        string d = h.ReplyTo<JoinGroupReply>(dJoin).MemberId;
        Assert.Equal(2, h.Group.GenerationId);
        h.SendSync(s, 2, [new MemberAssignment(s, GroupHarness.Assignment("t", 0)), new MemberAssignment(d, GroupHarness.Assignment("t", 1))]);
        h.SendSync(d, 2);
        Assert.Equal(GroupState.Stable, h.Group.State);
        long sessionDeadline = h.Group.Members[0].HeartbeatDeadlineMs;

        // The dynamic member starts a rebalance and then leaves; the static member never rejoins.
        h.SendJoin(d, "dynamic", version: 2, protocols: [new MemberProtocol("range", GroupHarness.Subscription("other"))]);
        h.Leave(1, new LeavingMember(d, null));
        h.Advance(GroupHarness.RebalanceTimeoutMs);

        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        Assert.True(h.Group.TryGetMember(s, out _));
        Assert.Equal(h.Now + GroupHarness.RebalanceTimeoutMs, h.Group.JoinDeadlineMs);

        h.Now = sessionDeadline;
        h.Handle(Tick.Instance);

        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Contains(new GroupEvents.MemberRemoved(s, MemberRemovalReason.SessionTimeout), h.Last.Events);
        Assert.Equal(3, h.Group.GenerationId);
    }
}
