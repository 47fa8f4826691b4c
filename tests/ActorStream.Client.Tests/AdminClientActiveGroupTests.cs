using ActorStream.Broker.Topics;
using ActorStream.Client.Admin;
using ActorStream.Client.Tests.Support;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Tests;

/// <summary>Admin calls about a group with a live member (joined and synced over the raw protocol).</summary>
[Trait("Category", "Integration")]
public sealed class AdminClientActiveGroupTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private RawKafkaClient _member = null!;
    private IAdminClient _admin = null!;
    private string _memberId = string.Empty;

    public async Task InitializeAsync()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("actorstream.broker { \"group.initial.rebalance.delay.ms\" = 0 }"));
        _node = await InProcessNode.StartAsync(settings);
        _member = await RawKafkaClient.ConnectAsync(_node.Port);
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _node.BootstrapServers, DefaultApiTimeoutMs = 20_000 }).Build();
        await _member.CreateTopicAsync("consumed", 2);

        var join = new JoinGroupRequest { GroupId = "live", SessionTimeoutMs = 30_000, RebalanceTimeoutMs = 30_000, ProtocolType = "consumer" };
        join.Protocols.Add(new JoinGroupRequest.JoinGroupRequestProtocol
        {
            Name = "range",
            Metadata = ConsumerProtocol.Write(new ConsumerProtocolSubscription { Topics = ["consumed"] }, 0),
        });
        var joined = await _member.RequestAsync<JoinGroupResponse>(ApiKey.JoinGroup, 3, join);
        Assert.Equal(0, joined.ErrorCode);
        _memberId = joined.MemberId;

        var assignment = new ConsumerProtocolAssignment();
        assignment.AssignedPartitions.Add(new ConsumerProtocolAssignment.TopicPartition { Topic = "consumed", Partitions = [0, 1] });
        var sync = new SyncGroupRequest { GroupId = "live", GenerationId = joined.GenerationId, MemberId = joined.MemberId };
        sync.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = joined.MemberId, Assignment = ConsumerProtocol.Write(assignment, 0) });
        Assert.Equal(0, (await _member.RequestAsync<SyncGroupResponse>(ApiKey.SyncGroup, 3, sync)).ErrorCode);
    }

    public async Task DisposeAsync()
    {
        await _admin.DisposeAsync();
        _member.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task DescribeGroupsAsync_StableGroup_DecodesTheMembersAssignment()
    {
        var group = Assert.Single(await _admin.DescribeGroupsAsync(["live"]));

        Assert.Equal(ConsumerGroupState.Stable, group.State);
        Assert.Equal("consumer", group.ProtocolType);
        Assert.Equal("range", group.PartitionAssignor);
        var member = Assert.Single(group.Members);
        Assert.Equal(_memberId, member.ConsumerId);
        Assert.Equal([new TopicPartition("consumed", 0), new TopicPartition("consumed", 1)], member.Assignment.TopicPartitions);
        var listed = Assert.Single(await _admin.ListGroupsAsync(new ListGroupsOptions { MatchStates = [ConsumerGroupState.Stable] }));
        Assert.Equal(("live", "consumer", ConsumerGroupState.Stable), (listed.GroupId, listed.ProtocolType, listed.State));
        Assert.Empty(await _admin.ListGroupsAsync(new ListGroupsOptions { MatchStates = [ConsumerGroupState.Empty] }));
    }

    [Fact]
    public async Task DeleteGroupsAsync_GroupWithMembers_IsRefusedAsNonEmpty()
    {
        var error = await Assert.ThrowsAsync<DeleteGroupsException>(() => _admin.DeleteGroupsAsync(["live"]));

        Assert.Equal(ErrorCode.NonEmptyGroup, Assert.Single(error.Results).Error.Code);
    }

    [Fact]
    public async Task AlterConsumerGroupOffsetsAsync_GroupWithMembers_IsRefused()
    {
        var error = await Assert.ThrowsAsync<AlterConsumerGroupOffsetsException>(() => _admin.AlterConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitionOffsets("live", [new TopicPartitionOffset("consumed", 0, 5)])]));

        Assert.True(Assert.Single(Assert.Single(error.Results).Partitions).Error.IsError);
    }
}
