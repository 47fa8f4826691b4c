using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class HeartbeatTests
{
    [Fact]
    public void Heartbeat_StableGroup_NoneWithoutEventsOrTimers()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Now += 1000;

        var reply = h.Heartbeat(member, 1);

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Empty(h.Last.Events);
        Assert.Empty(h.Last.Timers);
        Assert.True(h.Group.TryGetMember(member, out var m));
        Assert.Equal(h.Now + GroupHarness.SessionTimeoutMs, m.HeartbeatDeadlineMs);
    }

    [Fact]
    public void Heartbeat_CompletingRebalance_None()
    {
        var h = new GroupHarness();
        var (member, _) = h.JoinNew();

        Assert.Equal(ErrorCode.None, h.Heartbeat(member, 1).Error);
    }

    [Fact]
    public void Heartbeat_PreparingRebalance_RebalanceInProgress()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.SendJoin(clientId: "other", version: 3);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);

        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat(member, 1).Error);
    }

    [Fact]
    public void Heartbeat_UnknownMember_UnknownMemberId()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat("nobody", 1).Error);
    }

    [Fact]
    public void Heartbeat_NonexistentGroup_UnknownMemberId()
    {
        var h = new GroupHarness();

        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat("nobody", 0).Error);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public void Heartbeat_StaleGeneration_IllegalGeneration()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        Assert.Equal(ErrorCode.IllegalGeneration, h.Heartbeat(member, 0).Error);
    }

    [Fact]
    public void Heartbeat_StaticMemberWithOldMemberId_FencedInstanceId()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-1");
        string oldId = h.ReplyTo<JoinGroupReply>(join).MemberId;
        h.SendSync(oldId, 1, [new MemberAssignment(oldId, GroupHarness.Assignment("t", 0))]);
        h.SendJoin(instanceId: "i-1");

        Assert.Equal(ErrorCode.FencedInstanceId, h.Heartbeat(oldId, 1, "i-1").Error);
    }

    [Fact]
    public void Heartbeat_UnknownGroupInstanceId_UnknownMemberId()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat(member, 1, "never-joined").Error);
    }
}
