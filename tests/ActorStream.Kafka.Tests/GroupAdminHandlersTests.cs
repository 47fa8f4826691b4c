using ActorStream.Actor;
using ActorStream.Broker.Routing;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>DescribeGroups, ListGroups and DeleteGroups over loopback.</summary>
public sealed class GroupAdminHandlersTests : GroupNodeTestBase
{
    protected override TimeSpan? GroupIdleTimeout => TimeSpan.FromMilliseconds(300);

    private async Task<(GroupTestClient Client, string MemberId)> StableGroupAsync(string group)
    {
        var client = await ConnectAsync("admin-spec");
        var join = await client.JoinNewAsync(group);
        Assert.Equal((short)ErrorCode.None, (await client.SyncAsync(group, join.MemberId, join.GenerationId, (join.MemberId, [9]))).ErrorCode);
        return (client, join.MemberId);
    }

    [Fact]
    public async Task DescribeGroups_KnownAndUnknown_AnswersStateAndDead()
    {
        var (client, memberId) = await StableGroupAsync("described");

        var response = await client.Connection.RequestAsync<DescribeGroupsResponse>(ApiKey.DescribeGroups, 5, new DescribeGroupsRequest { Groups = ["described", "nobody"], IncludeAuthorizedOperations = true });

        Assert.Equal(["described", "nobody"], response.Groups.ConvertAll(g => g.GroupId));
        var described = response.Groups[0];
        Assert.Equal(((short)0, "Stable", "consumer", "range"), (described.ErrorCode, described.GroupState, described.ProtocolType, described.ProtocolData));
        var member = Assert.Single(described.Members);
        Assert.Equal((memberId, "admin-spec", "/127.0.0.1"), (member.MemberId, member.ClientId, member.ClientHost));
        Assert.Equal(new byte[] { 9 }, member.MemberAssignment);
        Assert.NotEqual(int.MinValue, described.AuthorizedOperations);
        var nobody = response.Groups[1];
        Assert.Equal(((short)0, "Dead"), (nobody.ErrorCode, nobody.GroupState));
        Assert.Empty(nobody.Members);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DescribeGroups_EachVersion_DescribesTheStableMember(short version)
    {
        var (client, memberId) = await StableGroupAsync("each");

        var described = await client.DescribeAsync("each", version);

        Assert.Equal(("Stable", "range"), (described.GroupState, described.ProtocolData));
        Assert.Equal(memberId, Assert.Single(described.Members).MemberId);
    }

    [Fact]
    public async Task ListGroups_V4StatesFilter_ListsOnlyMatchingGroups()
    {
        var (client, _) = await StableGroupAsync("stable-one");
        await client.CreateTopicAsync("t", 1);
        await client.CommitAsync("empty-one", string.Empty, -1, "t", 0, 1);

        var all = await client.ListAsync(version: 4);
        var stable = await client.ListAsync(4, "Stable");
        var empty = await client.ListAsync(4, "empty");
        var v0 = await client.ListAsync(version: 0);

        Assert.Equal(["empty-one", "stable-one"], Ids(all));
        Assert.Equal(["stable-one"], Ids(stable));
        Assert.Equal("Stable", Assert.Single(stable.Groups).GroupState);
        Assert.Equal(["empty-one"], Ids(empty));
        Assert.Equal(["empty-one", "stable-one"], Ids(v0));
        Assert.Equal("consumer", v0.Groups.Find(g => g.GroupId == "stable-one")!.ProtocolType);
    }

    [Fact]
    public async Task ListGroups_CoordinatorPassivated_StillListsTheGroup()
    {
        var client = await ConnectAsync();
        await client.CreateTopicAsync("t", 1);
        await client.CommitAsync("sleepy", string.Empty, -1, "t", 0, 8);

        await Eventually.UntilAsync(
            async () => (await Broker.Groups.Router.Ask<EntityRouterProtocol.EntityCount>(EntityRouterProtocol.GetEntityCount.Instance, TimeSpan.FromSeconds(5))).Count,
            count => count == 0,
            what: "Passivation of the idle coordinator");
        var listed = await client.ListAsync();

        var group = Assert.Single(listed.Groups);
        Assert.Equal(("sleepy", "Empty"), (group.GroupId, group.GroupState));
        Assert.Equal(8, await client.CommittedAsync("sleepy", "t", 0));
    }

    [Fact]
    public async Task DeleteGroups_EmptyWithMembersAndUnknown_AnswersPerGroup()
    {
        var (client, _) = await StableGroupAsync("busy");
        await client.CreateTopicAsync("t", 1);
        await client.CommitAsync("idle", string.Empty, -1, "t", 0, 3);

        var response = await client.DeleteAsync("idle", "busy", "ghost");

        Assert.Equal(
            [("idle", (short)ErrorCode.None), ("busy", (short)ErrorCode.NonEmptyGroup), ("ghost", (short)ErrorCode.GroupIdNotFound)],
            response.Results.ConvertAll(r => (r.GroupId, r.ErrorCode)));
        Assert.Equal(["busy"], Ids(await client.ListAsync()));
        Assert.Equal(-1, await client.CommittedAsync("idle", "t", 0));
        Assert.Equal((short)ErrorCode.GroupIdNotFound, Assert.Single((await client.DeleteAsync("idle")).Results).ErrorCode);
    }

    [Fact]
    public async Task DeleteGroups_ThenCommitAgain_ListsTheRecreatedGroup()
    {
        var client = await ConnectAsync();
        await client.CreateTopicAsync("t", 1);
        await client.CommitAsync("phoenix", string.Empty, -1, "t", 0, 1);
        Assert.Equal((short)ErrorCode.None, Assert.Single((await client.DeleteAsync("phoenix")).Results).ErrorCode);
        Assert.Empty((await client.ListAsync()).Groups);

        await client.CommitAsync("phoenix", string.Empty, -1, "t", 0, 2);

        Assert.Equal(["phoenix"], Ids(await client.ListAsync()));
        Assert.Equal(2, await client.CommittedAsync("phoenix", "t", 0));
    }

    private static List<string> Ids(ListGroupsResponse response)
    {
        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        var ids = response.Groups.ConvertAll(g => g.GroupId);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
