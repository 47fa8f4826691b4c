using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class GroupAdminTests
{
    [Fact]
    public void DescribeGroup_Stable_MembersWithMetadataAndAssignment()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember("my-client");

        var reply = h.Describe();

        Assert.Equal("group-1", reply.GroupId);
        Assert.Equal("Stable", reply.State);
        Assert.Equal("consumer", reply.ProtocolType);
        Assert.Equal("range", reply.ProtocolData);
        var described = Assert.Single(reply.Members);
        Assert.Equal(member, described.MemberId);
        Assert.Equal("my-client", described.ClientId);
        Assert.Equal("/127.0.0.1", described.ClientHost);
        Assert.Equal(GroupHarness.Subscription("topic-a"), described.Metadata.ToArray());
        Assert.Equal(GroupHarness.Assignment("topic-a", 0, 1), described.Assignment.ToArray());
    }

    [Fact]
    public void DescribeGroup_CompletingRebalance_MembersWithoutMetadataOrAssignment()
    {
        var h = new GroupHarness();
        h.JoinNew();

        var reply = h.Describe();

        Assert.Equal("CompletingRebalance", reply.State);
        Assert.Equal("", reply.ProtocolData);
        var described = Assert.Single(reply.Members);
        Assert.True(described.Metadata.IsEmpty);
        Assert.True(described.Assignment.IsEmpty);
    }

    [Fact]
    public void DescribeGroup_Nonexistent_Dead()
    {
        var reply = new GroupHarness().Describe();

        Assert.Equal(ErrorCode.None, reply.Error);
        Assert.Equal("Dead", reply.State);
        Assert.Equal("", reply.ProtocolType);
        Assert.Empty(reply.Members);
    }

    [Theory]
    [InlineData(GroupState.Empty, "Empty")]
    [InlineData(GroupState.PreparingRebalance, "PreparingRebalance")]
    [InlineData(GroupState.CompletingRebalance, "CompletingRebalance")]
    [InlineData(GroupState.Stable, "Stable")]
    [InlineData(GroupState.Dead, "Dead")]
    public void ToKafkaName_EveryState_SpelledAsKafka(GroupState state, string expected)
    {
        Assert.Equal(expected, state.ToKafkaName());
    }

    [Fact]
    public void ListGroup_NoFilter_ListsExistingGroup()
    {
        var h = new GroupHarness();
        h.StableSingleMember();
        long id = h.NextRequestId();

        h.Handle(new ListGroup(id, null, null));

        Assert.Equal(new ListedGroup("group-1", "consumer", "Stable", "classic"), h.ReplyTo<ListGroupReply>(id).Group);
    }

    [Fact]
    public void ListGroup_StateFilter_CaseInsensitive()
    {
        var h = new GroupHarness();
        h.StableSingleMember();
        long match = h.NextRequestId();
        long miss = h.NextRequestId();

        h.Handle(new ListGroup(match, ["empty", "stable"], null));
        h.Handle(new ListGroup(miss, ["Empty"], null));

        Assert.NotNull(h.ReplyTo<ListGroupReply>(match).Group);
        Assert.Null(h.ReplyTo<ListGroupReply>(miss).Group);
    }

    [Fact]
    public void ListGroup_TypeFilterAndNonexistentGroup_NotListed()
    {
        var h = new GroupHarness();
        long dead = h.NextRequestId();
        h.Handle(new ListGroup(dead, null, null));
        h.StableSingleMember();
        long consumerType = h.NextRequestId();
        long classicType = h.NextRequestId();

        h.Handle(new ListGroup(consumerType, null, ["consumer"]));
        h.Handle(new ListGroup(classicType, null, ["Classic"]));

        Assert.Null(h.ReplyTo<ListGroupReply>(dead).Group);
        Assert.Null(h.ReplyTo<ListGroupReply>(consumerType).Group);
        Assert.NotNull(h.ReplyTo<ListGroupReply>(classicType).Group);
    }

    [Fact]
    public void DeleteGroup_Empty_DeletesGroupAndOffsets()
    {
        var h = new GroupHarness();
        h.Commit("", -1, new OffsetCommitPartition("a", 0, 1));
        long id = h.NextRequestId();

        h.Handle(new DeleteGroup(id));

        Assert.Equal(ErrorCode.None, h.ReplyTo<DeleteGroupReply>(id).Error);
        Assert.IsType<GroupEvents.GroupDeleted>(Assert.Single(h.Last.Events));
        Assert.Equal(GroupState.Dead, h.Group.State);
        Assert.Equal(-1, Assert.Single(h.Fetch(new TopicPartition("a", 0)).Partitions).Offset);
    }

    [Fact]
    public void DeleteGroup_WithMembers_NonEmptyGroup()
    {
        var h = new GroupHarness();
        h.StableSingleMember();
        long id = h.NextRequestId();

        h.Handle(new DeleteGroup(id));

        Assert.Equal(ErrorCode.NonEmptyGroup, h.ReplyTo<DeleteGroupReply>(id).Error);
        Assert.Equal(GroupState.Stable, h.Group.State);
        Assert.Empty(h.Last.Events);
    }

    [Fact]
    public void DeleteGroup_Nonexistent_GroupIdNotFound()
    {
        var h = new GroupHarness();
        long id = h.NextRequestId();

        h.Handle(new DeleteGroup(id));

        Assert.Equal(ErrorCode.GroupIdNotFound, h.ReplyTo<DeleteGroupReply>(id).Error);
    }

    [Fact]
    public void DeleteGroup_ThenJoin_GroupStartsAgainAtGenerationOne()
    {
        var h = new GroupHarness();
        string member = h.StableSingleMember();
        h.Leave(3, new LeavingMember(member, null));
        h.Handle(new DeleteGroup(h.NextRequestId()));

        var (_, join) = h.JoinNew();

        Assert.Equal(1, h.ReplyTo<JoinGroupReply>(join).GenerationId);
    }
}
