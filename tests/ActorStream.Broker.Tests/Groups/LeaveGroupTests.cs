using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class LeaveGroupTests
{
    [Fact]
    public void LeaveGroup_V1SingleMember_RemovesMemberAndRecordsReason()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        var reply = h.Leave(1, new LeavingMember(member, null));

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Contains(new GroupEvents.MemberRemoved(member, MemberRemovalReason.Left), h.Last.Events);
        Assert.Empty(h.Group.Members);
    }

    [Fact]
    public void LeaveGroup_V1UnknownMember_TopLevelUnknownMemberId()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        var reply = h.Leave(1, new LeavingMember("nobody", null));

        Assert.Equal(ErrorCode.UnknownMemberId, reply.Error);
        Assert.Equal(GroupState.Stable, h.Group.State);
        Assert.Empty(h.Last.Events);
    }

    [Fact]
    public void LeaveGroup_V3Batch_PerMemberErrorsAndOneRebalance()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(3);

        var reply = h.Leave(3, new LeavingMember(ids[0], null), new LeavingMember("nobody", null), new LeavingMember(ids[2], null));

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal([ErrorCode.None, ErrorCode.UnknownMemberId, ErrorCode.None], reply.Members.Select(m => m.Error));
        Assert.Single(h.Last.Events, e => e is GroupEvents.RebalanceStarted);
        Assert.Equal([ids[1]], h.Group.Members.Select(m => m.MemberId));
        Assert.Equal(ids[1], h.Group.LeaderId);
    }

    [Fact]
    public void LeaveGroup_StaticMemberByInstanceIdOnly_Removed()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-7");
        string member = h.ReplyTo<JoinGroupReply>(join).MemberId;

        var reply = h.Leave(3, new LeavingMember("", "i-7"));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Members).Error);
        Assert.False(h.Group.TryGetMember(member, out _));
        Assert.Null(h.Group.StaticMemberId("i-7"));
    }

    [Fact]
    public void LeaveGroup_UnknownInstanceIdWithoutMemberId_UnknownMemberId()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        var reply = h.Leave(3, new LeavingMember("", "i-unknown"));

        Assert.Equal(ErrorCode.UnknownMemberId, Assert.Single(reply.Members).Error);
    }

    [Fact]
    public void LeaveGroup_StaticMemberWithOldMemberId_FencedInstanceId()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-1");
        string oldId = h.ReplyTo<JoinGroupReply>(join).MemberId;
        h.SendSync(oldId, 1, [new MemberAssignment(oldId, GroupHarness.Assignment("t", 0))]);
        h.SendJoin(instanceId: "i-1");

        var reply = h.Leave(3, new LeavingMember(oldId, "i-1"));

        Assert.Equal(ErrorCode.FencedInstanceId, Assert.Single(reply.Members).Error);
        Assert.Single(h.Group.Members);
    }

    [Fact]
    public void LeaveGroup_PendingMember_Forgotten()
    {
        var h = new GroupHarness();
        long join = h.SendJoin();
        string pending = h.ReplyTo<JoinGroupReply>(join).MemberId;

        var reply = h.Leave(3, new LeavingMember(pending, null));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Members).Error);
        Assert.Empty(h.Group.PendingMemberIds);
    }

    [Fact]
    public void LeaveGroup_NonexistentGroup_UnknownMemberId()
    {
        var h = new GroupHarness();

        var reply = h.Leave(3, new LeavingMember("m", null));

        Assert.Equal(ErrorCode.UnknownMemberId, reply.Error);
        Assert.Empty(reply.Members);
    }

    [Fact]
    public void LeaveGroup_LastMissingMemberLeavesDuringRebalance_CompletesJoinPhase()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        long rejoin = h.SendJoin(ids[0], "client-0");
        Assert.False(h.HasReply(rejoin));

        h.Leave(3, new LeavingMember(ids[1], null));

        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(rejoin).GenerationId);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
    }

    [Fact]
    public void LeaveGroup_MemberParkedInJoinGroup_ParkedRequestAnsweredUnknownMember()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var (member, join) = h.JoinNew();

        h.Leave(3, new LeavingMember(member, null));

        Assert.Equal(ErrorCode.UnknownMemberId, h.ReplyTo<JoinGroupReply>(join).Error);
        Assert.Empty(h.Group.Members);
    }
}
