using ActorStream.Broker.Groups;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class OffsetRetentionTests
{
    private const long Retention = 7L * 24 * 60 * 60 * 1000;

    [Fact]
    public void ExpireOffsets_EmptyGroup_ExpiresRetentionAfterItBecameEmptyThenDeletesGroup()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 1));
        h.Now += 60_000;
        h.Leave(3, new LeavingMember(member, null));
        long emptySince = h.Now;
        Assert.Equal(emptySince, h.Group.StateTimestampMs);

        h.Now = emptySince + Retention - 1;
        h.Handle(ExpireOffsets.Instance);
        Assert.Empty(h.Last.Events);

        h.Now = emptySince + Retention;
        h.Handle(ExpireOffsets.Instance);

        Assert.Equal(new GroupEvents.OffsetsExpired([new TopicPartition("topic-a", 0)], h.Now), h.Last.Events[0], OffsetsExpiredComparer.Instance);
        Assert.IsType<GroupEvents.GroupDeleted>(h.Last.Events[1]);
        Assert.Equal(GroupState.Dead, h.Group.State);
        Assert.Empty(h.Group.Offsets);
    }

    [Fact]
    public void ExpireOffsets_SimpleGroup_CountsFromEachCommit()
    {
        var h = new GroupHarness();
        h.Commit("", -1, new OffsetCommitPartition("a", 0, 1));
        h.Now += 1000;
        h.Commit("", -1, new OffsetCommitPartition("a", 1, 1));

        h.Now += Retention - 1000;
        h.Handle(ExpireOffsets.Instance);

        var expired = Assert.IsType<GroupEvents.OffsetsExpired>(Assert.Single(h.Last.Events));
        Assert.Equal([new TopicPartition("a", 0)], expired.Partitions);
        Assert.Equal(GroupState.Empty, h.Group.State);

        h.Now += 1000;
        h.Handle(ExpireOffsets.Instance);
        Assert.Equal(GroupState.Dead, h.Group.State);
    }

    [Fact]
    public void ExpireOffsets_ExplicitRetentionTime_ExpiresAtItsOwnDeadline()
    {
        var h = new GroupHarness();
        h.CommitWith("", -1, null, 2, 5_000, new OffsetCommitPartition("a", 0, 1));

        h.Now += 4_999;
        h.Handle(ExpireOffsets.Instance);
        Assert.Single(h.Group.Offsets);

        h.Now += 1;
        h.Handle(ExpireOffsets.Instance);
        Assert.Empty(h.Group.Offsets);
    }

    [Fact]
    public void ExpireOffsets_StableConsumerGroup_ExpiresOnlyUnsubscribedTopics()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        Assert.Equal(["topic-a"], h.Group.SubscribedTopics!);
        h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 1), new OffsetCommitPartition("old-topic", 0, 1));

        // The sweep runs without ticks in between, so the member is still there.
        h.Now += Retention;
        h.Handle(ExpireOffsets.Instance);

        var expired = Assert.IsType<GroupEvents.OffsetsExpired>(Assert.Single(h.Last.Events));
        Assert.Equal([new TopicPartition("old-topic", 0)], expired.Partitions);
        Assert.True(h.Group.Offsets.ContainsKey(new TopicPartition("topic-a", 0)));
        Assert.Equal(GroupState.Stable, h.Group.State);
    }

    [Fact]
    public void ExpireOffsets_GroupRebalancing_NothingExpires()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Commit(member, 1, new OffsetCommitPartition("old-topic", 0, 1));
        h.SendJoin(member);
        Assert.Equal(GroupState.CompletingRebalance, h.Group.State);

        h.Now += Retention * 2;
        h.Handle(ExpireOffsets.Instance);

        Assert.Empty(h.Last.Events);
        Assert.Single(h.Group.Offsets);
    }

    [Fact]
    public void ExpireOffsets_StableGroupOfOtherProtocolType_NothingExpires()
    {
        var h = new GroupHarness();
        long join = h.SendJoin(version: 2, protocolType: "connect", protocols: [new MemberProtocol("v1", new byte[] { 9 })]);
        string member = h.ReplyTo<JoinGroupReply>(join).MemberId;
        h.SendSync(member, 1, [new MemberAssignment(member, new byte[] { 1 })]);
        h.Commit(member, 1, new OffsetCommitPartition("x", 0, 1));

        h.Now += Retention * 2;
        h.Handle(ExpireOffsets.Instance);

        Assert.Null(h.Group.SubscribedTopics);
        Assert.Empty(h.Last.Events);
    }

    [Fact]
    public void ExpireOffsets_EmptyGroupWithoutOffsets_Deleted()
    {
        var h = new GroupHarness();
        h.SendJoin();
        Assert.Equal(GroupState.Empty, h.Group.State);

        h.Handle(ExpireOffsets.Instance);

        Assert.IsType<GroupEvents.GroupDeleted>(Assert.Single(h.Last.Events));
        Assert.Equal(GroupState.Dead, h.Group.State);
        Assert.Empty(h.Group.PendingMemberIds);
    }

    private sealed class OffsetsExpiredComparer : IEqualityComparer<IGroupEvent>
    {
        public static OffsetsExpiredComparer Instance { get; } = new();

        public bool Equals(IGroupEvent? x, IGroupEvent? y) =>
            x is GroupEvents.OffsetsExpired a && y is GroupEvents.OffsetsExpired b
            && a.TimestampMs == b.TimestampMs && a.Partitions.SequenceEqual(b.Partitions);

        public int GetHashCode(IGroupEvent obj) => 0;
    }
}
