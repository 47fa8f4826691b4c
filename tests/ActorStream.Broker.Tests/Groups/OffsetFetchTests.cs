using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class OffsetFetchTests
{
    [Fact]
    public void OffsetFetch_AllPartitions_SortedByTopicAndPartition()
    {
        var h = new GroupHarness();
        h.Commit("", -1, new OffsetCommitPartition("b", 1, 11), new OffsetCommitPartition("a", 2, 2, 4, "m"), new OffsetCommitPartition("a", 0, 1));

        var reply = h.Fetch(null);

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal(
            [new FetchedOffset("a", 0, 1, -1, "", ErrorCode.None), new FetchedOffset("a", 2, 2, 4, "m", ErrorCode.None), new FetchedOffset("b", 1, 11, -1, "", ErrorCode.None)],
            reply.Partitions);
    }

    [Fact]
    public void OffsetFetch_ListedPartitionWithoutCommit_MinusOneAndNoError()
    {
        var h = new GroupHarness();
        h.Commit("", -1, new OffsetCommitPartition("a", 0, 5));

        var reply = h.Fetch(new TopicPartition("a", 0), new TopicPartition("a", 1));

        Assert.Equal(5, reply.Partitions[0].Offset);
        Assert.Equal(new FetchedOffset("a", 1, -1, -1, "", ErrorCode.None), reply.Partitions[1]);
    }

    [Fact]
    public void OffsetFetch_NonexistentGroup_MinusOneAndNoError()
    {
        var h = new GroupHarness();

        var listed = h.Fetch(new TopicPartition("a", 0));
        var all = h.Fetch(null);

        Assert.Equal(-1, Assert.Single(listed.Partitions).Offset);
        Assert.Equal(ErrorCode.None, listed.Partitions[0].Error);
        Assert.Empty(all.Partitions);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public void OffsetFetch_CommittedWhileStable_ReadBackByMember()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Commit(member, 1, new OffsetCommitPartition("topic-a", 0, 77, 2, "checkpoint"));

        var reply = h.Fetch(new TopicPartition("topic-a", 0));

        Assert.Equal(new FetchedOffset("topic-a", 0, 77, 2, "checkpoint", ErrorCode.None), Assert.Single(reply.Partitions));
        Assert.Empty(h.Last.Events);
    }
}
