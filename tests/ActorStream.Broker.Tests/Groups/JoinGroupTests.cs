using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class JoinGroupTests
{
    [Fact]
    public void JoinGroup_V5WithoutMemberId_ReturnsMemberIdRequiredAndRemembersPendingMember()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(clientId: "consumer-1");

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.MemberIdRequired, reply.Error);
        Assert.Equal("consumer-1-00000001-0000-0000-0000-000000000000", reply.MemberId);
        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Contains(reply.MemberId, h.Group.PendingMemberIds);
        Assert.Empty(h.Group.Members);
        Assert.IsType<GroupEvents.GroupCreated>(Assert.Single(h.Last.Events));
        Assert.Contains(new TimerRequest("pending/" + reply.MemberId, h.Now + GroupHarness.SessionTimeoutMs), h.Last.Timers);
    }

    [Fact]
    public void JoinGroup_PendingMemberRejoins_BecomesLeaderOfGeneration1()
    {
        var h = new GroupHarness();

        var (memberId, join) = h.JoinNew();

        var reply = h.ReplyTo<JoinGroupReply>(join);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(1, reply.GenerationId);
        Assert.Equal(memberId, reply.MemberId);
        Assert.Equal(memberId, reply.LeaderId);
        Assert.Equal("consumer", reply.ProtocolType);
        Assert.Equal("range", reply.ProtocolName);
        var listed = Assert.Single(reply.Members);
        Assert.Equal(memberId, listed.MemberId);
        Assert.Equal(GroupHarness.Subscription("topic-a"), listed.Metadata.ToArray());
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.Empty(h.Group.PendingMemberIds);
        Assert.Collection(
            h.Last.Events,
            e => Assert.IsType<GroupEvents.MemberJoined>(e),
            e => Assert.IsType<GroupEvents.RebalanceStarted>(e),
            e => Assert.Equal(new GroupEvents.GroupRebalanced(1, "range", memberId, h.Now), e));
    }

    [Fact]
    public void JoinGroup_V3WithoutMemberId_JoinsDirectlyWithGeneratedId()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(clientId: "kafka-python", version: 2);

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.StartsWith("kafka-python-", reply.MemberId, StringComparison.Ordinal);
        Assert.Equal(1, reply.GenerationId);
        Assert.Empty(h.Group.PendingMemberIds);
    }

    [Fact]
    public void JoinGroup_StaticMemberV5WithoutMemberId_JoinsWithoutMemberIdRequired()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(instanceId: "instance-a");

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.StartsWith("instance-a-", reply.MemberId, StringComparison.Ordinal);
        Assert.Equal(reply.MemberId, h.Group.StaticMemberId("instance-a"));
    }

    [Theory]
    [InlineData(5_999)]
    [InlineData(1_800_001)]
    public void JoinGroup_SessionTimeoutOutsideBounds_InvalidSessionTimeout(int sessionTimeoutMs)
    {
        var h = new GroupHarness();

        long id = h.SendJoin(sessionTimeoutMs: sessionTimeoutMs);

        Assert.Equal(ErrorCode.InvalidSessionTimeout, h.ReplyTo<JoinGroupReply>(id).Error);
        Assert.Equal(GroupState.Dead, h.Group.State);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public void JoinGroup_EmptyGroupId_InvalidGroupId()
    {
        var h = new GroupHarness(groupId: "");

        long id = h.SendJoin();

        Assert.Equal(ErrorCode.InvalidGroupId, h.ReplyTo<JoinGroupReply>(id).Error);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public void JoinGroup_MemberIdForNonexistentGroup_UnknownMemberId()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(memberId: "stale-member");

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.UnknownMemberId, reply.Error);
        Assert.Equal("stale-member", reply.MemberId);
        Assert.Equal(GroupState.Dead, h.Group.State);
    }

    [Fact]
    public void JoinGroup_EmptyProtocolType_InconsistentGroupProtocol()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(version: 2, protocolType: "");

        Assert.Equal(ErrorCode.InconsistentGroupProtocol, h.ReplyTo<JoinGroupReply>(id).Error);
        Assert.Empty(h.Group.Members);
    }

    [Fact]
    public void JoinGroup_OtherProtocolTypeThanGroup_InconsistentGroupProtocol()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        long id = h.SendJoin(version: 2, protocolType: "connect");

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.InconsistentGroupProtocol, reply.Error);
        Assert.Equal("", reply.MemberId);
        Assert.Equal(GroupState.Stable, h.Group.State);
    }

    [Fact]
    public void JoinGroup_NoProtocolInCommonWithMembers_InconsistentGroupProtocol()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        long id = h.SendJoin(version: 2, protocols: GroupHarness.Protocols("RoundRobinAssigner"));

        Assert.Equal(ErrorCode.InconsistentGroupProtocol, h.ReplyTo<JoinGroupReply>(id).Error);
        Assert.Single(h.Group.Members);
    }

    [Fact]
    public void JoinGroup_GroupAtMaxSize_GroupMaxSizeReached()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, MaxGroupSize = 1 });
        h.StableSingleMember();

        long id = h.SendJoin(version: 2);

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.GroupMaxSizeReached, reply.Error);
        Assert.Equal("", reply.MemberId);
        Assert.Single(h.Group.Members);
        Assert.Equal(GroupState.Stable, h.Group.State);
    }

    [Fact]
    public void JoinGroup_FullGroupRebalancing_LastRejoinerLosesItsPlace()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000, MaxGroupSize = 2 });
        var ids = h.StableMembers(2);
        long leaderRejoin = h.SendJoin(ids[0], "client-0");
        long newcomer = h.SendJoin(clientId: "newcomer", version: 3);
        Assert.Equal(3, h.Group.Members.Count);

        // Two members already wait in JoinGroup: the member that rejoins last is over the limit.
        long late = h.SendJoin(ids[1], "client-1");

        Assert.Equal(ErrorCode.GroupMaxSizeReached, h.ReplyTo<JoinGroupReply>(late).Error);
        Assert.Contains(new GroupEvents.MemberRemoved(ids[1], MemberRemovalReason.GroupMaxSizeReached), h.Last.Events);
        h.Advance(GroupHarness.RebalanceTimeoutMs);
        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(leaderRejoin).Members.Count);
        Assert.Equal(2, h.ReplyTo<JoinGroupReply>(newcomer).GenerationId);
    }

    [Fact]
    public void JoinGroup_V0_UsesSessionTimeoutAsRebalanceTimeout()
    {
        var h = new GroupHarness();

        long id = h.SendJoin(version: 0, sessionTimeoutMs: 12_000, rebalanceTimeoutMs: -1);

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.True(h.Group.TryGetMember(reply.MemberId, out var member));
        Assert.Equal(12_000, member.RebalanceTimeoutMs);
    }

    [Fact]
    public void JoinGroup_FollowerRejoinsStableGroupWithSameMetadata_GetsCurrentGenerationWithoutRebalance()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        string follower = ids[1];
        int journal = h.Journal.Count;

        long id = h.SendJoin(follower, "client-1");

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(1, reply.GenerationId);
        Assert.Equal(ids[0], reply.LeaderId);
        Assert.Empty(reply.Members);
        Assert.Equal(GroupState.Stable, h.Group.State);
        Assert.Equal(journal, h.Journal.Count);
    }

    [Fact]
    public void JoinGroup_LeaderRejoinsStableGroup_StartsNewGeneration()
    {
        var h = new GroupHarness();
        string leader = h.StableSingleMember();

        long id = h.SendJoin(leader);

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(2, reply.GenerationId);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.Equal(leader, reply.LeaderId);
        Assert.Single(reply.Members);
    }

    [Fact]
    public void JoinGroup_MemberChangesSubscription_StartsRebalanceAndRecordsUpdate()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(2);
        var changed = new[] { new MemberProtocol("range", GroupHarness.Subscription("topic-a", "topic-b")) };

        h.SendJoin(ids[1], "client-1", protocols: changed);

        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);
        var updated = Assert.IsType<GroupEvents.MemberUpdated>(h.Last.Events[0]);
        Assert.Equal(ids[1], updated.MemberId);
        Assert.IsType<GroupEvents.RebalanceStarted>(h.Last.Events[1]);
    }

    [Fact]
    public void JoinGroup_RejoinDuringCompletingRebalanceWithSameMetadata_ResendsGenerationToLeader()
    {
        var h = new GroupHarness();
        var (memberId, _) = h.JoinNew();

        long id = h.SendJoin(memberId);

        var reply = h.ReplyTo<JoinGroupReply>(id);
        Assert.Equal(1, reply.GenerationId);
        Assert.Single(reply.Members);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);
        Assert.Empty(h.Last.Events);
    }

    [Fact]
    public void JoinGroup_RetriedWhileParked_SupersededRequestGetsRebalanceInProgress()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var (memberId, first) = h.JoinNew();
        Assert.False(h.HasReply(first));

        long second = h.SendJoin(memberId);

        Assert.Equal(ErrorCode.RebalanceInProgress, h.ReplyTo<JoinGroupReply>(first).Error);
        Assert.False(h.HasReply(second));
        h.Advance(3000);
        Assert.Equal(ErrorCode.None, h.ReplyTo<JoinGroupReply>(second).Error);
    }

    [Fact]
    public void JoinGroup_EachCompletedRebalance_IncrementsGeneration()
    {
        var h = new GroupHarness();
        string leader = h.StableSingleMember();

        for (int expected = 2; expected <= 4; expected++)
        {
            long id = h.SendJoin(leader);
            Assert.Equal(expected, h.ReplyTo<JoinGroupReply>(id).GenerationId);
            h.SendSync(leader, expected, [new MemberAssignment(leader, GroupHarness.Assignment("topic-a", 0))]);
            Assert.Equal(GroupState.Stable, h.Group.State);
        }

        Assert.Equal(4, h.Group.GenerationId);
    }
}
