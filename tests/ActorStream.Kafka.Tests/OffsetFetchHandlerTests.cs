using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class OffsetFetchHandlerTests : GroupNodeTestBase
{
    private async Task<GroupTestClient> CommittedGroupAsync(string group, params (string Topic, int Partition, long Offset)[] offsets)
    {
        var admin = await ConnectAsync();
        foreach (var topic in new HashSet<string>(Array.ConvertAll(offsets, o => o.Topic)))
        {
            await admin.CreateTopicAsync(topic, 3);
        }

        var response = await admin.Connection.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, 8, GroupTestClient.CommitRequest(group, string.Empty, -1, offsets));
        Assert.All(response.Topics, t => Assert.All(t.Partitions, p => Assert.Equal((short)ErrorCode.None, p.ErrorCode)));
        return admin;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task HandleAsync_ListedPartitions_AnswersCommittedOrMinusOne(short version)
    {
        var admin = await CommittedGroupAsync("listed", ("a", 0, 10), ("a", 2, 30));

        var response = await admin.FetchOffsetsAsync("listed", [("a", 2), ("a", 1), ("missing", 0)], version);

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.Equal(["a", "missing"], response.Topics.ConvertAll(t => t.Name));
        var a = response.Topics[0].Partitions;
        Assert.Equal([(2, 30L), (1, -1L)], a.ConvertAll(p => (p.PartitionIndex, p.CommittedOffset)));
        Assert.Equal("m30", a[0].Metadata);
        Assert.Equal(-1, Assert.Single(response.Topics[1].Partitions).CommittedOffset);
        Assert.All(response.Topics, t => Assert.All(t.Partitions, p => Assert.Equal((short)ErrorCode.None, p.ErrorCode)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task HandleAsync_NullTopics_AnswersEveryCommittedPartition(short version)
    {
        var admin = await CommittedGroupAsync("all", ("b", 1, 11), ("a", 2, 22), ("b", 0, 10));

        var response = await admin.FetchOffsetsAsync("all", null, version);

        var fetched = new List<(string, int, long)>();
        foreach (var topic in response.Topics)
        {
            foreach (var partition in topic.Partitions)
            {
                fetched.Add((topic.Name, partition.PartitionIndex, partition.CommittedOffset));
            }
        }

        Assert.Equal([("a", 2, 22L), ("b", 0, 10L), ("b", 1, 11L)], fetched);
    }

    [Fact]
    public async Task HandleAsync_UnknownGroup_AnswersMinusOneWithoutError()
    {
        var admin = await ConnectAsync();

        var response = await admin.FetchOffsetsAsync("nobody", [("t", 0)], 1);

        var partition = Assert.Single(Assert.Single(response.Topics).Partitions);
        Assert.Equal(((short)0, -1L), (partition.ErrorCode, partition.CommittedOffset));
        Assert.Empty((await admin.FetchOffsetsAsync("nobody", null)).Topics);
    }

    [Fact]
    public async Task HandleAsync_V8MultipleGroups_AnswersEachGroup()
    {
        var admin = await CommittedGroupAsync("g1", ("t", 0, 5));
        var second = await admin.Connection.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, 8, GroupTestClient.CommitRequest("g2", string.Empty, -1, ("t", 1, 6), ("t", 2, 7)));
        Assert.All(Assert.Single(second.Topics).Partitions, p => Assert.Equal((short)ErrorCode.None, p.ErrorCode));
        var request = new OffsetFetchRequest
        {
            Groups =
            [
                new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = "g1", Topics = [new OffsetFetchRequest.OffsetFetchRequestTopics { Name = "t", PartitionIndexes = [0, 1] }] },
                new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = "g2", Topics = null },
                new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = "g3", Topics = [new OffsetFetchRequest.OffsetFetchRequestTopics { Name = "t", PartitionIndexes = [0] }] },
            ],
            RequireStable = true,
        };

        var response = await admin.Connection.RequestAsync<OffsetFetchResponse>(ApiKey.OffsetFetch, 8, request);

        Assert.Equal(["g1", "g2", "g3"], response.Groups.ConvertAll(g => g.GroupId));
        Assert.All(response.Groups, g => Assert.Equal((short)ErrorCode.None, g.ErrorCode));
        Assert.Equal([(0, 5L), (1, -1L)], Assert.Single(response.Groups[0].Topics).Partitions.ConvertAll(p => (p.PartitionIndex, p.CommittedOffset)));
        Assert.Equal([(1, 6L), (2, 7L)], Assert.Single(response.Groups[1].Topics).Partitions.ConvertAll(p => (p.PartitionIndex, p.CommittedOffset)));
        Assert.Equal(-1, Assert.Single(Assert.Single(response.Groups[2].Topics).Partitions).CommittedOffset);
    }
}
