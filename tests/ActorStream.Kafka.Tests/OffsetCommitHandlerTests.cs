using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class OffsetCommitHandlerTests : GroupNodeTestBase
{
    [Fact]
    public async Task HandleAsync_UnknownTopicOrPartition_AnswersPerPartitionAndCommitsTheRest()
    {
        var admin = await ConnectAsync();
        await admin.CreateTopicAsync("known", 2);
        var request = GroupTestClient.CommitRequest("mixed", string.Empty, -1, ("known", 1, 40), ("known", 2, 41), ("unknown", 0, 42), ("known", 0, 43));

        var response = await admin.Connection.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, 8, request);

        Assert.Equal(["known", "unknown"], response.Topics.ConvertAll(t => t.Name));
        var known = response.Topics[0].Partitions;
        Assert.Equal([(1, (short)0), (2, (short)ErrorCode.UnknownTopicOrPartition), (0, (short)0)], known.ConvertAll(p => (p.PartitionIndex, p.ErrorCode)));
        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, Assert.Single(response.Topics[1].Partitions).ErrorCode);
        Assert.Equal(40, await admin.CommittedAsync("mixed", "known", 1));
        Assert.Equal(43, await admin.CommittedAsync("mixed", "known", 0));
        Assert.Equal(-1, await admin.CommittedAsync("mixed", "known", 2));
        Assert.Equal(-1, await admin.CommittedAsync("mixed", "unknown", 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public async Task HandleAsync_SimpleCommitToGroupWithoutMembers_IsStored(short version)
    {
        var admin = await ConnectAsync();
        await admin.CreateTopicAsync("simple-topic", 1);
        var request = GroupTestClient.CommitRequest("simple", string.Empty, -1, ("simple-topic", 0, 100 + version));

        var response = await admin.Connection.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, version, request);

        Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single(response.Topics).Partitions).ErrorCode);
        Assert.Equal(100 + version, await admin.CommittedAsync("simple", "simple-topic", 0));
        var listed = Assert.Single((await admin.ListAsync()).Groups, g => g.GroupId == "simple");
        Assert.Equal(("Empty", string.Empty), (listed.GroupState, listed.ProtocolType));
    }

    [Fact]
    public async Task HandleAsync_SimpleCommitToGroupWithMembers_AnswersUnknownMemberId()
    {
        var member = await ConnectAsync();
        await member.CreateTopicAsync("busy-topic", 1);
        var join = await member.JoinNewAsync("busy");
        Assert.Equal((short)ErrorCode.None, (await member.SyncAsync("busy", join.MemberId, 1, (join.MemberId, [0]))).ErrorCode);

        var response = await member.CommitAsync("busy", string.Empty, -1, "busy-topic", 0, 3);

        Assert.Equal((short)ErrorCode.UnknownMemberId, Assert.Single(Assert.Single(response.Topics).Partitions).ErrorCode);
        Assert.Equal(-1, await member.CommittedAsync("busy", "busy-topic", 0));
    }

    [Fact]
    public async Task HandleAsync_MemberCommitToUnknownGroup_AnswersIllegalGeneration()
    {
        var member = await ConnectAsync();
        await member.CreateTopicAsync("lost-topic", 1);

        var response = await member.CommitAsync("never-joined", "ghost", 4, "lost-topic", 0, 3);

        Assert.Equal((short)ErrorCode.IllegalGeneration, Assert.Single(Assert.Single(response.Topics).Partitions).ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_CommitDuringCompletingRebalance_AnswersRebalanceInProgress()
    {
        var member = await ConnectAsync();
        await member.CreateTopicAsync("sync-topic", 1);
        var join = await member.JoinNewAsync("completing");

        // Joined but not synced: the group waits for the leader's assignment.
        var response = await member.CommitAsync("completing", join.MemberId, join.GenerationId, "sync-topic", 0, 3);

        Assert.Equal((short)ErrorCode.RebalanceInProgress, Assert.Single(Assert.Single(response.Topics).Partitions).ErrorCode);
    }
}
