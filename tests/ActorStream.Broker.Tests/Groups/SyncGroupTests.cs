using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class SyncGroupTests
{
    private static GroupHarness TwoMembersCompleting(out string leader, out string follower)
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        (leader, _) = h.JoinNew("c1");
        (follower, _) = h.JoinNew("c2");
        h.Advance(3000);
        h.Advance(3000);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        return h;
    }

    [Fact]
    public void SyncGroup_LeaderSyncs_StoresAssignmentsAndAnswersWithOwnAssignment()
    {
        var h = new GroupHarness();
        var (member, _) = h.JoinNew();
        var assignment = GroupHarness.Assignment("topic-a", 0, 1, 2);

        long sync = h.SendSync(member, 1, [new MemberAssignment(member, assignment)]);

        var reply = h.ReplyTo<SyncGroupReply>(sync);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(assignment, reply.Assignment.ToArray());
        Assert.Equal("consumer", reply.ProtocolType);
        Assert.Equal("range", reply.ProtocolName);
        Assert.Equal(GroupState.Stable, h.Group.State);
        var stored = Assert.IsType<GroupEvents.AssignmentsStored>(Assert.Single(h.Last.Events));
        Assert.Equal(1, stored.GenerationId);
        Assert.Equal(member, Assert.Single(stored.Assignments).MemberId);
    }

    [Fact]
    public void SyncGroup_FollowerBeforeLeader_WaitsThenGetsItsAssignment()
    {
        var h = TwoMembersCompleting(out var leader, out var follower);
        var followerAssignment = GroupHarness.Assignment("topic-a", 1);

        long followerSync = h.SendSync(follower, 1);
        Assert.False(h.HasReply(followerSync));
        Assert.Empty(h.Last.Events);
        Assert.True(h.Group.TryGetMember(follower, out var parked));
        Assert.True(parked.IsAwaitingSync);

        long leaderSync = h.SendSync(leader, 1, [
            new MemberAssignment(leader, GroupHarness.Assignment("topic-a", 0)),
            new MemberAssignment(follower, followerAssignment)]);

        // Both answers travel with the event that stores the assignment.
        Assert.Single(h.Last.Events);
        Assert.Equal(2, h.Last.Replies.Count);
        Assert.Equal(followerAssignment, h.ReplyTo<SyncGroupReply>(followerSync).Assignment.ToArray());
        Assert.Equal(ErrorCode.None, h.ReplyTo<SyncGroupReply>(leaderSync).Error);
        Assert.Equal(GroupState.Stable, h.Group.State);
    }

    [Fact]
    public void SyncGroup_FollowerAfterLeader_GetsStoredAssignmentAtOnce()
    {
        var h = TwoMembersCompleting(out var leader, out var follower);
        var followerAssignment = GroupHarness.Assignment("topic-a", 1);
        h.SendSync(leader, 1, [new MemberAssignment(follower, followerAssignment)]);

        long followerSync = h.SendSync(follower, 1);

        Assert.Equal(followerAssignment, h.ReplyTo<SyncGroupReply>(followerSync).Assignment.ToArray());
        Assert.Empty(h.Last.Events);
        Assert.Empty(h.Group.PendingSyncMemberIds);
    }

    [Fact]
    public void SyncGroup_LeaderLeavesMemberOut_MemberGetsEmptyAssignment()
    {
        var h = TwoMembersCompleting(out var leader, out var follower);

        h.SendSync(leader, 1, [new MemberAssignment(leader, GroupHarness.Assignment("topic-a", 0, 1)), new MemberAssignment("ghost", GroupHarness.Assignment("x", 0))]);
        long followerSync = h.SendSync(follower, 1);

        Assert.True(h.ReplyTo<SyncGroupReply>(followerSync).Assignment.IsEmpty);
        var stored = Assert.IsType<GroupEvents.AssignmentsStored>(h.Journal[^1]);
        Assert.Equal(2, stored.Assignments.Count);
        Assert.DoesNotContain(stored.Assignments, a => a.MemberId == "ghost");
    }

    [Fact]
    public void SyncGroup_UnknownMember_UnknownMemberId()
    {
        var h = TwoMembersCompleting(out _, out _);

        long sync = h.SendSync("nobody", 1);

        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<SyncGroupReply>(sync).Error);
    }

    [Fact]
    public void SyncGroup_NonexistentOrEmptyGroup_UnknownMemberId()
    {
        var h = new GroupHarness();
        long first = h.SendSync("nobody", 0);
        h.SendJoin(version: 5);
        long second = h.SendSync("nobody", 0);

        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<SyncGroupReply>(first).Error);
        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<SyncGroupReply>(second).Error);
    }

    [Fact]
    public void SyncGroup_WrongGeneration_IllegalGeneration()
    {
        var h = TwoMembersCompleting(out var leader, out _);

        long sync = h.SendSync(leader, 7);

        Assert.Equal(ErrorCode.IllegalGeneration, h.ReplyTo<SyncGroupReply>(sync).Error);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
    }

    [Fact]
    public void SyncGroup_DuringPreparingRebalance_RebalanceInProgress()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        h.JoinNew("c3");

        long sync = h.SendSync(ids[1], 1);

        Assert.Equal(ErrorCode.RebalanceInProgress, h.ReplyTo<SyncGroupReply>(sync).Error);
    }

    [Theory]
    [InlineData("connect", "range")]
    [InlineData("consumer", "roundrobin")]
    public void SyncGroup_V5ProtocolMismatch_InconsistentGroupProtocol(string protocolType, string protocolName)
    {
        var h = TwoMembersCompleting(out var leader, out _);

        long sync = h.SendSync(leader, 1, protocolType: protocolType, protocolName: protocolName);

        Assert.Equal(ErrorCode.InconsistentGroupProtocol, h.ReplyTo<SyncGroupReply>(sync).Error);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
    }

    [Fact]
    public void SyncGroup_V5MatchingProtocol_Accepted()
    {
        var h = TwoMembersCompleting(out var leader, out _);

        long sync = h.SendSync(leader, 1, protocolType: "consumer", protocolName: "range");

        Assert.Equal(ErrorCode.None, h.ReplyTo<SyncGroupReply>(sync).Error);
    }

    [Fact]
    public void SyncGroup_MemberNeverSyncs_RemovedAtSyncDeadlineAndGroupRebalances()
    {
        var h = TwoMembersCompleting(out var leader, out var follower);
        long deadline = h.Group.SyncDeadlineMs!.Value;
        Assert.Equal(h.Now + GroupHarness.RebalanceTimeoutMs, deadline);
        h.SendSync(leader, 1, [new MemberAssignment(leader, GroupHarness.Assignment("t", 0))]);
        Assert.Equal([follower], h.Group.PendingSyncMemberIds);

        // Keep the follower's session alive: only the missing SyncGroup removes it.
        for (long t = h.Now; t < deadline; t += 5000)
        {
            h.Now = t;
            h.Heartbeat(follower, 1);
            h.Heartbeat(leader, 1);
        }

        h.Now = deadline;
        h.Handle(Tick.Instance);

        Assert.Contains(new GroupEvents.MemberRemoved(follower, MemberRemovalReason.SyncTimeout), h.Last.Events);
        Assert.False(h.Group.TryGetMember(follower, out _));
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
    }

    [Fact]
    public void SyncGroup_RetriedWhileParked_SupersededRequestGetsRebalanceInProgress()
    {
        var h = TwoMembersCompleting(out var leader, out var follower);
        long first = h.SendSync(follower, 1);

        long second = h.SendSync(follower, 1);
        h.SendSync(leader, 1, [new MemberAssignment(follower, GroupHarness.Assignment("t", 3))]);

        Assert.Equal(ErrorCode.RebalanceInProgress, h.ReplyTo<SyncGroupReply>(first).Error);
        Assert.Equal(GroupHarness.Assignment("t", 3), h.ReplyTo<SyncGroupReply>(second).Assignment.ToArray());
    }
}
