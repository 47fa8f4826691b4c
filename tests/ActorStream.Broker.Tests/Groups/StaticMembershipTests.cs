using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class StaticMembershipTests
{
    /// <summary>Static "i-0" (leader) and dynamic member, Stable at generation 2.</summary>
    private static GroupHarness StableWithStaticLeader(out string staticId, out string dynamicId)
    {
        var h = new GroupHarness();
        long s = h.SendJoin(instanceId: "i-0", clientId: "static-client");
        staticId = h.ReplyTo<JoinGroupReply>(s).MemberId;
        long d = h.SendJoin(clientId: "dynamic", version: 3);
        h.SendJoin(staticId, "static-client", instanceId: "i-0");
        dynamicId = h.ReplyTo<JoinGroupReply>(d).MemberId;
        h.SendSync(staticId, 2, [
            new MemberAssignment(staticId, GroupHarness.Assignment("t", 0)),
            new MemberAssignment(dynamicId, GroupHarness.Assignment("t", 1))]);
        h.SendSync(dynamicId, 2);
        Assert.Equal(GroupState.Stable, h.Group.State);
        Assert.Equal(staticId, h.Group.LeaderId);
        return h;
    }

    [Fact]
    public void StaticRejoin_StableWithSameProtocols_ReplacesMemberWithoutRebalance()
    {
        var h = StableWithStaticLeader(out var oldId, out var dynamicId);

        long join = h.SendJoin(instanceId: "i-0", clientId: "restarted");

        var reply = h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.NotEqual(oldId, reply.MemberId);
        Assert.Equal(2, reply.GenerationId);
        Assert.Equal(GroupState.Stable, h.Group.State);
        Assert.Equal(reply.MemberId, h.Group.StaticMemberId("i-0"));
        Assert.Equal(reply.MemberId, h.Group.LeaderId);
        Assert.True(h.Group.TryGetMember(reply.MemberId, out var member));
        Assert.Equal(GroupHarness.Assignment("t", 0), member.Assignment.ToArray());
        Assert.Equal("static-client", member.ClientId);
        Assert.Equal(new GroupEvents.StaticMemberReplaced("i-0", oldId, reply.MemberId), Assert.Single(h.Last.Events));
        Assert.Equal(ErrorCode.None, h.Heartbeat(dynamicId, 2).Error);
    }

    [Fact]
    public void StaticRejoin_StaticLeaderBeforeV9_ReplyNamesOldLeaderSoItActsAsFollower()
    {
        var h = StableWithStaticLeader(out var oldId, out _);

        long join = h.SendJoin(instanceId: "i-0", version: 5);

        var reply = h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(oldId, reply.LeaderId);
        Assert.Empty(reply.Members);
        Assert.False(reply.SkipAssignment);
    }

    [Fact]
    public void StaticRejoin_StaticLeaderV9_SkipsAssignmentWithMemberList()
    {
        var h = StableWithStaticLeader(out _, out _);

        long join = h.SendJoin(instanceId: "i-0", version: 9);

        var reply = h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(reply.MemberId, reply.LeaderId);
        Assert.True(reply.SkipAssignment);
        Assert.Equal(2, reply.Members.Count);
    }

    [Fact]
    public void StaticRejoin_OldMemberId_IsFencedEverywhere()
    {
        var h = StableWithStaticLeader(out var oldId, out _);
        h.SendJoin(instanceId: "i-0");

        Assert.Equal(ErrorCode.FencedInstanceId, h.Heartbeat(oldId, 2, "i-0").Error);
        long sync = h.SendSync(oldId, 2, instanceId: "i-0");
        Assert.Equal(ErrorCode.FencedInstanceId, h.ReplyTo<SyncGroupReply>(sync).Error);
        var commit = h.CommitWith(oldId, 2, "i-0", 8, -1, new OffsetCommitPartition("t", 0, 5));
        Assert.Equal(ErrorCode.FencedInstanceId, Assert.Single(commit.Partitions).Error);
        long join = h.SendJoin(oldId, instanceId: "i-0");
        Assert.Equal(ErrorCode.FencedInstanceId, h.ReplyTo<JoinGroupReply>(join).Error);
    }

    [Fact]
    public void StaticRejoin_ParkedRequestsOfOldMemberId_AnsweredFencedInstanceId()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        long first = h.SendJoin(instanceId: "i-0");
        Assert.False(h.HasReply(first));

        long second = h.SendJoin(instanceId: "i-0");

        var fenced = h.ReplyTo<JoinGroupReply>(first);
        Assert.Equal(ErrorCode.FencedInstanceId, fenced.Error);
        h.Advance(3000);
        var reply = h.ReplyTo<JoinGroupReply>(second);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.NotEqual(fenced.MemberId, reply.MemberId);
        Assert.Single(h.Group.Members);
    }

    [Fact]
    public void StaticRejoin_ProtocolChoiceChanges_TriggersRebalance()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-0", protocols: GroupHarness.Protocols("range", "roundrobin"));
        string oldId = h.ReplyTo<JoinGroupReply>(join).MemberId;
        h.SendSync(oldId, 1, [new MemberAssignment(oldId, GroupHarness.Assignment("t", 0))]);
        Assert.Equal("range", h.Group.ProtocolName);

        long rejoin = h.SendJoin(instanceId: "i-0", protocols: GroupHarness.Protocols("roundrobin", "range"));

        var reply = h.ReplyTo<JoinGroupReply>(rejoin);
        Assert.Equal(2, reply.GenerationId);
        Assert.Equal("roundrobin", reply.ProtocolName);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
    }

    [Fact]
    public void StaticRejoin_DuringCompletingRebalance_StartsNewRebalance()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-0");
        h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);

        long rejoin = h.SendJoin(instanceId: "i-0");

        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(rejoin).GenerationId);
        Assert.Contains(h.Last.Events, e => e is GroupEvents.RebalanceStarted);
    }

    [Fact]
    public void StaticMember_NotRejoiningBeforeRebalanceTimeout_IsKeptUnlikeDynamicMembers()
    {
        var h = StableWithStaticLeader(out var staticId, out var dynamicId);
        var (_, newcomerJoin) = h.JoinNew("newcomer", sessionTimeoutMs: 60_000);
        for (int i = 0; i < 6; i++)
        {
            h.Advance(5000);
            h.Heartbeat(staticId, 2, "i-0");
            h.Heartbeat(dynamicId, 2);
        }

        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.True(h.Group.TryGetMember(staticId, out _));
        Assert.False(h.Group.TryGetMember(dynamicId, out _));
        Assert.Equal(3, h.ReplyTo<JoinGroupReply>(newcomerJoin).GenerationId);
    }

    [Fact]
    public void StaticMember_KnownMemberIdWithUnknownInstanceId_UnknownMemberId()
    {
        var h = StableWithStaticLeader(out var staticId, out _);

        long join = h.SendJoin(staticId, instanceId: "i-other");

        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<JoinGroupReply>(join).Error);
    }
}
