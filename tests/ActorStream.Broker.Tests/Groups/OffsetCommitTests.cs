using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class OffsetCommitTests
{
    [Fact]
    public void OffsetCommit_MemberOfStableGroup_PersistsOffsetsAndAnswersWithTheEvent()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        var reply = h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 42, 3, "meta"), new OffsetCommitPartition("topic-a", 1, 7));

        Assert.All(reply.Partitions, p => Assert.Equal(ErrorCode.None, p.Error));
        var committed = Assert.IsType<GroupEvents.OffsetsCommitted>(Assert.Single(h.Last.Events));
        Assert.Equal(new CommittedOffset("topic-a", 0, 42, 3, "meta", h.Now, null), committed.Offsets[0]);
        Assert.Equal(42, h.Group.Offsets[new TopicPartition("topic-a", 0)].Offset);
        Assert.Equal(7, h.Group.Offsets[new TopicPartition("topic-a", 1)].Offset);
    }

    [Fact]
    public void OffsetCommit_SimpleConsumerOnNonexistentGroup_CreatesGroupAndCommits()
    {
        var h = new GroupHarness();

        var reply = h.Commit("", -1, new OffsetCommitPartition("topic-a", 0, 5));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Partitions).Error);
        Assert.Equal(GroupState.Empty, h.Group.State);
        Assert.Null(h.Group.ProtocolType);
        Assert.IsType<GroupEvents.GroupCreated>(h.Last.Events[0]);
        Assert.IsType<GroupEvents.OffsetsCommitted>(h.Last.Events[1]);
    }

    [Fact]
    public void OffsetCommit_SimpleConsumerOnEmptyGroup_Accepted()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Leave(3, new LeavingMember(member, null));
        Assert.Equal(GroupState.Empty, h.Group.State);

        var reply = h.Commit("", -1, new OffsetCommitPartition("topic-a", 0, 9));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Partitions).Error);
    }

    [Fact]
    public void OffsetCommit_SimpleConsumerWhileGroupHasMembers_UnknownMemberId()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        var reply = h.Commit("", -1, new OffsetCommitPartition("topic-a", 0, 9), new OffsetCommitPartition("topic-a", 1, 9));

        Assert.All(reply.Partitions, p => Assert.Equal(ErrorCode.UnknownMemberId, p.Error));
        Assert.Empty(h.Last.Events);
        Assert.Empty(h.Group.Offsets);
    }

    [Fact]
    public void OffsetCommit_StaleGeneration_IllegalGeneration()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        var reply = h.Commit(member, 0, new OffsetCommitPartition("topic-a", 0, 1));

        Assert.Equal(ErrorCode.IllegalGeneration, Assert.Single(reply.Partitions).Error);
    }

    [Fact]
    public void OffsetCommit_UnknownMember_UnknownMemberId()
    {
        var h = new GroupHarness();
        h.StableSingleMember();

        var reply = h.Commit("nobody", 1, new OffsetCommitPartition("topic-a", 0, 1));

        Assert.Equal(ErrorCode.UnknownMemberId, Assert.Single(reply.Partitions).Error);
    }

    [Fact]
    public void OffsetCommit_DuringCompletingRebalance_RebalanceInProgress()
    {
        var h = new GroupHarness();
        var (member, _) = h.JoinNew();

        var reply = h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 1));

        Assert.Equal(ErrorCode.RebalanceInProgress, Assert.Single(reply.Partitions).Error);
    }

    [Fact]
    public void OffsetCommit_DuringPreparingRebalanceWithCurrentGeneration_Accepted()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.SendJoin(clientId: "newcomer", version: 3);
        Assert.Equal(GroupState.PreparingRebalance, h.Group.State);

        // Consumers commit revoked partitions before they rejoin.
        var reply = h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 100));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Partitions).Error);
        Assert.Equal(100, h.Group.Offsets[new TopicPartition("topic-a", 0)].Offset);
    }

    [Theory]
    [InlineData((short)8, ErrorCode.IllegalGeneration)]
    [InlineData((short)9, ErrorCode.GroupIdNotFound)]
    public void OffsetCommit_MemberCommitToNonexistentGroup_ErrorDependsOnVersion(short version, ErrorCode expected)
    {
        var h = new GroupHarness();

        var reply = h.CommitWith("m", 3, null, version, -1, new OffsetCommitPartition("topic-a", 0, 1));

        Assert.Equal(expected, Assert.Single(reply.Partitions).Error);
        Assert.Equal(GroupState.Dead, h.Group.State);
    }

    [Fact]
    public void OffsetCommit_MetadataTooLarge_OnlyThatPartitionRejected()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, OffsetMetadataMaxBytes = 10 });
        string member = h.StableSingleMember();

        var reply = h.Commit(
            member,
            1,
            new OffsetCommitPartition("topic-a", 0, 1, Metadata: new string('x', 11)),
            new OffsetCommitPartition("topic-a", 1, 2, Metadata: new string('x', 10)));

        Assert.Equal(ErrorCode.OffsetMetadataTooLarge, reply.Partitions[0].Error);
        Assert.Equal(ErrorCode.None, reply.Partitions[1].Error);
        Assert.False(h.Group.Offsets.ContainsKey(new TopicPartition("topic-a", 0)));
        Assert.True(h.Group.Offsets.ContainsKey(new TopicPartition("topic-a", 1)));
    }

    [Fact]
    public void OffsetCommit_DefaultMetadataLimitIs4096()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();

        var reply = h.Commit(member, 1, new OffsetCommitPartition("t", 0, 1, Metadata: new string('x', 4096)), new OffsetCommitPartition("t", 1, 1, Metadata: new string('x', 4097)));

        Assert.Equal(ErrorCode.None, reply.Partitions[0].Error);
        Assert.Equal(ErrorCode.OffsetMetadataTooLarge, reply.Partitions[1].Error);
    }

    [Fact]
    public void OffsetCommit_ExplicitCommitTimestampAndRetention_Stored()
    {
        var h = new GroupHarness();

        h.CommitWith("", -1, null, 2, 60_000, new OffsetCommitPartition("t", 0, 1, CommitTimestampMs: 12345));

        var offset = h.Group.Offsets[new TopicPartition("t", 0)];
        Assert.Equal(12345, offset.CommitTimestampMs);
        Assert.Equal(h.Now + 60_000, offset.ExpireTimestampMs);
    }

    [Fact]
    public void OffsetCommit_LaterCommitOverwritesEarlier()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Commit(member, 1, new OffsetCommitPartition("t", 0, 1));
        h.Now += 100;

        h.Commit(member, 1, new OffsetCommitPartition("t", 0, 2, 5));

        var offset = h.Group.Offsets[new TopicPartition("t", 0)];
        Assert.Equal(2, offset.Offset);
        Assert.Equal(5, offset.LeaderEpoch);
        Assert.Equal(h.Now, offset.CommitTimestampMs);
    }

    [Fact]
    public void OffsetCommit_StaticMemberWithCurrentIds_Accepted()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(instanceId: "i-1");
        string member = h.ReplyTo<JoinGroupReply>(join).MemberId;
        h.SendSync(member, 1, [new MemberAssignment(member, GroupHarness.Assignment("t", 0))]);

        var reply = h.CommitWith(member, 1, "i-1", 8, -1, new OffsetCommitPartition("t", 0, 3));

        Assert.Equal(ErrorCode.None, Assert.Single(reply.Partitions).Error);
    }
}
