using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using ActorStream.TestKit;
using static ActorStream.Broker.Groups.GroupCoordinatorActorProtocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.GroupActor;

public sealed class GroupCoordinatorActorTests : TestKit.Xunit2.TestKit
{
    private const int SessionTimeoutMs = 10_000;
    private const int RebalanceTimeoutMs = 30_000;
    private static readonly GroupCoordinatorConfig s_config = new() { InitialRebalanceDelayMs = 1000 };

    public GroupCoordinatorActorTests()
        : base("""actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit" """)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private static IReadOnlyList<MemberProtocol> Range() => [new MemberProtocol("range", new byte[] { 0, 1, 2 })];

    private IActorRef StartGroup(string groupId = "g1") => Sys.ActorOf(GroupCoordinatorActor.Props(groupId, s_config));

    private GroupSummary Summary(IActorRef group)
    {
        group.Tell(GetGroupSummary.Instance, TestActor);
        return ExpectMsg<GroupSummary>();
    }

    /// <summary>JoinGroup v5 as a new member: MEMBER_ID_REQUIRED, then the rejoin with the id (which stays parked).</summary>
    private static string JoinNew(IActorRef group, TestProbe member, string clientId)
    {
        group.Tell(new JoinGroup(1, 5, "", null, clientId, "/127.0.0.1", SessionTimeoutMs, RebalanceTimeoutMs, "consumer", Range()), member);
        var required = member.ExpectMsg<JoinGroupReply>();
        Assert.Equal((ErrorCode.MemberIdRequired, 1L), (required.Error, required.RequestId));
        group.Tell(new JoinGroup(1, 5, required.MemberId, null, clientId, "/127.0.0.1", SessionTimeoutMs, RebalanceTimeoutMs, "consumer", Range()), member);
        return required.MemberId;
    }

    /// <summary>Two members through join and sync to a Stable generation; returns (leader probe, leader id, follower probe, follower id).</summary>
    private (TestProbe Leader, string LeaderId, TestProbe Follower, string FollowerId) StableGroup(IActorRef group)
    {
        var a = CreateTestProbe("a");
        var b = CreateTestProbe("b");
        var idA = JoinNew(group, a, "client-a");
        var idB = JoinNew(group, b, "client-b");
        Assert.Equal(GroupState.PreparingRebalance, Summary(group).State);

        // The initial rebalance delay is extended once per joiner, each extension on its own timer.
        for (var step = 0; step < 10 && Summary(group).State == GroupState.PreparingRebalance; step++)
        {
            Scheduler.Advance(TimeSpan.FromMilliseconds(s_config.InitialRebalanceDelayMs));
        }


        var joinA = a.ExpectMsg<JoinGroupReply>();
        var joinB = b.ExpectMsg<JoinGroupReply>();
        Assert.Equal((ErrorCode.None, 1, 1L), (joinA.Error, joinA.GenerationId, joinA.RequestId));
        Assert.Equal((ErrorCode.None, 1), (joinB.Error, joinB.GenerationId));
        Assert.Equal(joinA.LeaderId, joinB.LeaderId);
        var (leader, leaderId, follower, followerId, leaderJoin) = joinA.LeaderId == idA ? (a, idA, b, idB, joinA) : (b, idB, a, idA, joinB);
        Assert.Equal(2, leaderJoin.Members.Count);

        group.Tell(new SyncGroup(2, followerId, null, 1, "consumer", "range", []), follower);
        follower.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        group.Tell(new SyncGroup(2, leaderId, null, 1, "consumer", "range",
            [new MemberAssignment(leaderId, new byte[] { 1 }), new MemberAssignment(followerId, new byte[] { 2 })]), leader);

        var leaderSync = leader.ExpectMsg<SyncGroupReply>();
        var followerSync = follower.ExpectMsg<SyncGroupReply>();
        Assert.Equal((ErrorCode.None, 2L, (byte)1), (leaderSync.Error, leaderSync.RequestId, leaderSync.Assignment.Span[0]));
        Assert.Equal((ErrorCode.None, (byte)2), (followerSync.Error, followerSync.Assignment.Span[0]));
        Assert.Equal(GroupState.Stable, Summary(group).State);
        return (leader, leaderId, follower, followerId);
    }

    [Fact]
    public void Flow_TwoMembers_JoinSyncHeartbeatCommitFetch()
    {
        var group = StartGroup();
        var (leader, leaderId, follower, followerId) = StableGroup(group);

        group.Tell(new Heartbeat(3, leaderId, null, 1), leader);
        group.Tell(new Heartbeat(3, followerId, null, 1), follower);
        Assert.Equal(new HeartbeatReply(3, ErrorCode.None), leader.ExpectMsg<HeartbeatReply>());
        Assert.Equal(new HeartbeatReply(3, ErrorCode.None), follower.ExpectMsg<HeartbeatReply>());

        group.Tell(new OffsetCommit(4, 8, leaderId, null, 1, -1, [new OffsetCommitPartition("orders", 0, 42, 0, "m")]), leader);
        group.Tell(new OffsetCommit(4, 8, followerId, null, 1, -1, [new OffsetCommitPartition("orders", 1, 7)]), follower);
        var commit = leader.ExpectMsg<OffsetCommitReply>();
        Assert.Equal((4L, ErrorCode.None), (commit.RequestId, Assert.Single(commit.Partitions).Error));
        Assert.Equal(ErrorCode.None, Assert.Single(follower.ExpectMsg<OffsetCommitReply>().Partitions).Error);

        group.Tell(new OffsetFetch(5, [new TopicPartition("orders", 0), new TopicPartition("orders", 1), new TopicPartition("orders", 2)]), TestActor);
        var fetched = ExpectMsg<OffsetFetchReply>();
        Assert.Equal(5, fetched.RequestId);
        Assert.Equal([42L, 7L, -1L], fetched.Partitions.Select(p => p.Offset));
        Assert.Equal("m", fetched.Partitions[0].Metadata);

        group.Tell(new Heartbeat(6, followerId, null, 0), follower);
        Assert.Equal(ErrorCode.IllegalGeneration, follower.ExpectMsg<HeartbeatReply>().Error);
    }

    [Fact]
    public void Restart_RecoversGenerationMembersAndOffsets()
    {
        var group = StartGroup("g-restart");
        var (leader, leaderId, _, followerId) = StableGroup(group);
        group.Tell(new OffsetCommit(4, 8, leaderId, null, 1, -1, [new OffsetCommitPartition("orders", 3, 99)]), leader);
        leader.ExpectMsg<OffsetCommitReply>();
        var before = Summary(group);
        Watch(group);
        Sys.Stop(group);
        ExpectTerminated(group);

        var restarted = StartGroup("g-restart");
        var after = Summary(restarted);

        Assert.Equal((GroupState.Stable, 1, leaderId, "range"), (after.State, after.GenerationId, after.LeaderId, after.ProtocolName));
        Assert.Equal(before.MemberIds, after.MemberIds);
        Assert.Contains(followerId, after.MemberIds);
        Assert.Equal(99, after.Offsets[new TopicPartition("orders", 3)].Offset);
        restarted.Tell(new OffsetFetch(9, null), TestActor);
        Assert.Equal(99, Assert.Single(ExpectMsg<OffsetFetchReply>().Partitions).Offset);
        restarted.Tell(new Heartbeat(10, leaderId, null, 1), leader);
        Assert.Equal(ErrorCode.None, leader.ExpectMsg<HeartbeatReply>().Error);
    }

    [Fact]
    public void SessionExpiry_MemberWithoutHeartbeat_RemovedByTimer()
    {
        var group = StartGroup("g-expiry");
        var (leader, leaderId, follower, followerId) = StableGroup(group);

        Scheduler.Advance(TimeSpan.FromMilliseconds(6000));
        group.Tell(new Heartbeat(3, leaderId, null, 1), leader);
        Assert.Equal(ErrorCode.None, leader.ExpectMsg<HeartbeatReply>().Error);
        Assert.Equal(2, Summary(group).MemberIds.Count);

        Scheduler.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs - 6000 + 1));

        var summary = Summary(group);
        Assert.Equal([leaderId], summary.MemberIds);
        Assert.Equal(GroupState.PreparingRebalance, summary.State);
        group.Tell(new Heartbeat(4, leaderId, null, 1), leader);
        Assert.Equal(ErrorCode.RebalanceInProgress, leader.ExpectMsg<HeartbeatReply>().Error);
        group.Tell(new Heartbeat(4, followerId, null, 1), follower);
        Assert.Equal(ErrorCode.UnknownMemberId, follower.ExpectMsg<HeartbeatReply>().Error);
    }

    [Fact]
    public void SessionExpiry_AllMembers_GroupBecomesEmptyAndKeepsOffsets()
    {
        var group = StartGroup("g-empty");
        var (leader, leaderId, _, _) = StableGroup(group);
        group.Tell(new OffsetCommit(4, 8, leaderId, null, 1, -1, [new OffsetCommitPartition("t", 0, 5)]), leader);
        leader.ExpectMsg<OffsetCommitReply>();

        Scheduler.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs + 1));
        Scheduler.Advance(TimeSpan.FromMilliseconds(RebalanceTimeoutMs + 1));

        var summary = Summary(group);
        Assert.Empty(summary.MemberIds);
        Assert.Equal(GroupState.Empty, summary.State);
        Assert.Equal(5, summary.Offsets[new TopicPartition("t", 0)].Offset);
    }

    [Fact]
    public void ThroughRouter_GroupIdsRouteToOwnCoordinators()
    {
        var router = Broker.Routing.LocalEntityRouter.Start(Sys, "groups", GroupCoordinatorActor.EntityProps(s_config));

        router.Tell("x", new OffsetCommit(1, 8, "", null, -1, -1, [new OffsetCommitPartition("t", 0, 11)]), TestActor);
        Assert.Equal(ErrorCode.None, Assert.Single(ExpectMsg<OffsetCommitReply>().Partitions).Error);
        router.Tell("y", new OffsetFetch(2, null), TestActor);
        Assert.Empty(ExpectMsg<OffsetFetchReply>().Partitions);
        router.Tell("x", new OffsetFetch(3, null), TestActor);

        Assert.Equal(11, Assert.Single(ExpectMsg<OffsetFetchReply>().Partitions).Offset);
    }

    [Fact]
    public void IdleWithoutMembers_PassivatesThroughRouter_AndRecoversOnNextMessage()
    {
        var router = Broker.Routing.LocalEntityRouter.Start(Sys, "idle-groups", GroupCoordinatorActor.EntityProps(s_config, TimeSpan.FromSeconds(1)));
        router.Tell("simple", new OffsetCommit(1, 8, "", null, -1, -1, [new OffsetCommitPartition("t", 0, 11)]), TestActor);
        ExpectMsg<OffsetCommitReply>();
        var member = CreateTestProbe();
        router.Tell("busy", new JoinGroup(1, 3, "", null, "c", "/127.0.0.1", SessionTimeoutMs, RebalanceTimeoutMs, "consumer", Range()), member);
        router.Tell("busy", GetGroupSummary.Instance, TestActor);
        Assert.Single(ExpectMsg<GroupSummary>().MemberIds);

        Scheduler.Advance(TimeSpan.FromMilliseconds(1500));

        AwaitAssert(() =>
        {
            router.Router.Tell(Broker.Routing.EntityRouterProtocol.GetEntityCount.Instance, TestActor);
            Assert.Equal(1, ExpectMsg<Broker.Routing.EntityRouterProtocol.EntityCount>().Count);
        });
        router.Tell("simple", new OffsetFetch(2, null), TestActor);
        Assert.Equal(11, Assert.Single(ExpectMsg<OffsetFetchReply>().Partitions).Offset);
    }
}
