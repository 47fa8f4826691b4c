using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the offset APIs together, over loopback, one connection per member.</summary>
public sealed class GroupHandlersTests : GroupNodeTestBase
{
    private const string Group = "flow";
    private const string Topic = "orders";

    [Fact]
    public async Task GroupApis_TwoMembersWithRebalance_FollowKafkaFlow()
    {
        var a = await ConnectAsync("client-a");
        var b = await ConnectAsync("client-b");
        await a.CreateTopicAsync(Topic, 2);

        // A joins alone: generation 1, A leads and assigns itself both partitions.
        var joinA = await a.JoinNewAsync(Group);
        Assert.Equal((short)ErrorCode.None, joinA.ErrorCode);
        Assert.Equal(1, joinA.GenerationId);
        Assert.Equal(joinA.MemberId, joinA.Leader);
        Assert.StartsWith("client-a-", joinA.MemberId, StringComparison.Ordinal);
        Assert.Equal("range", joinA.ProtocolName);
        Assert.Equal(joinA.MemberId, Assert.Single(joinA.Members).MemberId);
        var memberA = joinA.MemberId;
        var syncA = await a.SyncAsync(Group, memberA, 1, (memberA, [0, 1]));
        Assert.Equal((short)ErrorCode.None, syncA.ErrorCode);
        Assert.Equal(new byte[] { 0, 1 }, syncA.Assignment);
        Assert.Equal((short)ErrorCode.None, await a.HeartbeatAsync(Group, memberA, 1));

        // A consumes and commits.
        var commit = await a.CommitAsync(Group, memberA, 1, Topic, 0, 5);
        Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single(commit.Topics).Partitions).ErrorCode);
        Assert.Equal(5, await a.CommittedAsync(Group, Topic, 0));

        // B joins: the group prepares a rebalance and B's join is parked until A rejoins.
        var firstB = await b.JoinAsync(Group, string.Empty);
        Assert.Equal((short)ErrorCode.MemberIdRequired, firstB.ErrorCode);
        var memberB = firstB.MemberId;
        var parkedB = await b.SendJoinAsync(Group, memberB);
        await Eventually.UntilAsync(() => a.HeartbeatAsync(Group, memberA, 1), e => e == (short)ErrorCode.RebalanceInProgress, what: "A's heartbeat during the rebalance");

        // A member of the current generation may still commit while the group prepares the rebalance.
        commit = await a.CommitAsync(Group, memberA, 1, Topic, 1, 9);
        Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single(commit.Topics).Partitions).ErrorCode);

        var rejoinA = await a.JoinAsync(Group, memberA);
        var joinB = await b.ReceiveJoinAsync(parkedB);
        Assert.Equal((short)ErrorCode.None, rejoinA.ErrorCode);
        Assert.Equal((short)ErrorCode.None, joinB.ErrorCode);
        Assert.Equal(2, rejoinA.GenerationId);
        Assert.Equal(2, joinB.GenerationId);
        Assert.Equal(memberA, rejoinA.Leader);
        Assert.Equal(memberA, joinB.Leader);
        Assert.Equal(new[] { memberA, memberB }, rejoinA.Members.ConvertAll(m => m.MemberId));
        Assert.Empty(joinB.Members);

        // B's SyncGroup waits for the leader's assignment.
        var parkedSyncB = await b.Connection.SendAsync(ApiKey.SyncGroup, 3, GroupTestClient.SyncRequest(Group, memberB, 2));
        syncA = await a.SyncAsync(Group, memberA, 2, (memberA, [0]), (memberB, [1]));
        var syncB = await b.Connection.ReceiveAsync<SyncGroupResponse>(ApiKey.SyncGroup, 3, parkedSyncB);
        Assert.Equal(((short)0, (short)0), (syncA.ErrorCode, syncB.ErrorCode));
        Assert.Equal(new byte[] { 0 }, syncA.Assignment);
        Assert.Equal(new byte[] { 1 }, syncB.Assignment);

        // The old generation is fenced; the new one heartbeats and commits.
        Assert.Equal((short)ErrorCode.IllegalGeneration, await a.HeartbeatAsync(Group, memberA, 1));
        Assert.Equal((short)ErrorCode.None, await b.HeartbeatAsync(Group, memberB, 2));
        commit = await a.CommitAsync(Group, memberA, 1, Topic, 0, 6);
        Assert.Equal((short)ErrorCode.IllegalGeneration, Assert.Single(Assert.Single(commit.Topics).Partitions).ErrorCode);
        commit = await b.CommitAsync(Group, memberB, 2, Topic, 1, 12);
        Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single(commit.Topics).Partitions).ErrorCode);
        Assert.Equal(5, await a.CommittedAsync(Group, Topic, 0));
        Assert.Equal(12, await a.CommittedAsync(Group, Topic, 1));

        var described = await a.DescribeAsync(Group);
        Assert.Equal(("Stable", "consumer", "range"), (described.GroupState, described.ProtocolType, described.ProtocolData));
        Assert.Equal(2, described.Members.Count);
        var describedB = described.Members.Find(m => m.MemberId == memberB)!;
        Assert.Equal(("client-b", "/127.0.0.1"), (describedB.ClientId, describedB.ClientHost));
        Assert.Equal(new byte[] { 1 }, describedB.MemberAssignment);
        Assert.Equal(new byte[] { 1 }, describedB.MemberMetadata);

        // B leaves (v3 batch): A's next heartbeat asks it to rejoin, and A then owns the group alone.
        var leave = new LeaveGroupRequest { GroupId = Group, Members = [new LeaveGroupRequest.MemberIdentity { MemberId = memberB }] };
        var left = await b.Connection.RequestAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, 3, leave);
        Assert.Equal((short)ErrorCode.None, left.ErrorCode);
        Assert.Equal(((short)0, memberB), (Assert.Single(left.Members).ErrorCode, left.Members[0].MemberId));
        Assert.Equal((short)ErrorCode.RebalanceInProgress, await a.HeartbeatAsync(Group, memberA, 2));
        var third = await a.JoinAsync(Group, memberA);
        Assert.Equal((short)ErrorCode.None, third.ErrorCode);
        Assert.Equal(3, third.GenerationId);
        Assert.Equal((short)ErrorCode.None, (await a.SyncAsync(Group, memberA, 3, (memberA, [0, 1]))).ErrorCode);
        Assert.Equal((short)ErrorCode.UnknownMemberId, await b.HeartbeatAsync(Group, memberB, 2));

        // A leaves (v1, single member): the group is Empty and keeps its offsets.
        Assert.Equal((short)ErrorCode.None, await a.LeaveAsync(Group, memberA));
        Assert.Equal("Empty", (await a.DescribeAsync(Group)).GroupState);
        Assert.Equal(12, await a.CommittedAsync(Group, Topic, 1));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    public async Task JoinGroup_V4PlusWithoutMemberId_AnswersMemberIdRequiredWithTheIdToUse(short version)
    {
        var a = await ConnectAsync("required");

        var first = await a.JoinAsync("needs-id", string.Empty, version);

        Assert.Equal((short)ErrorCode.MemberIdRequired, first.ErrorCode);
        Assert.StartsWith("required-", first.MemberId, StringComparison.Ordinal);
        Assert.Equal(-1, first.GenerationId);
        var second = await a.JoinAsync("needs-id", first.MemberId, version);
        Assert.Equal((short)ErrorCode.None, second.ErrorCode);
        Assert.Equal((first.MemberId, 1), (second.MemberId, second.GenerationId));
        if (version >= 7)
        {
            Assert.Equal("consumer", second.ProtocolType);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task JoinGroup_BeforeV4WithoutMemberId_AssignsTheIdAtOnce(short version)
    {
        var a = await ConnectAsync("old");

        var join = await a.JoinAsync("old-join", string.Empty, version);

        Assert.Equal((short)ErrorCode.None, join.ErrorCode);
        Assert.Equal(1, join.GenerationId);
        Assert.Equal(join.MemberId, join.Leader);
        Assert.StartsWith("old-", join.MemberId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupApis_EmptyGroupId_AnswerInvalidGroupId()
    {
        var a = await ConnectAsync();

        var join = await a.JoinAsync(string.Empty, string.Empty);
        var sync = await a.SyncAsync(string.Empty, "m", 1);
        var heartbeat = await a.HeartbeatAsync(string.Empty, "m", 1);
        var leave = await a.LeaveAsync(string.Empty, "m");

        Assert.Equal((short)ErrorCode.InvalidGroupId, join.ErrorCode);
        Assert.Equal((short)ErrorCode.InvalidGroupId, sync.ErrorCode);
        Assert.Equal((short)ErrorCode.InvalidGroupId, heartbeat);
        Assert.Equal((short)ErrorCode.InvalidGroupId, leave);
        Assert.DoesNotContain((await a.ListAsync()).Groups, g => g.GroupId.Length == 0);
    }

    [Fact]
    public async Task Heartbeat_UnknownMemberOrGroup_AnswersUnknownMemberId()
    {
        var a = await ConnectAsync();
        var join = await a.JoinNewAsync("hb");

        Assert.Equal((short)ErrorCode.UnknownMemberId, await a.HeartbeatAsync("hb", "stranger", join.GenerationId));
        Assert.Equal((short)ErrorCode.UnknownMemberId, await a.HeartbeatAsync("no-such-group", "stranger", 1));
    }

    [Fact]
    public async Task Heartbeat_WrongGeneration_AnswersIllegalGeneration()
    {
        var a = await ConnectAsync();
        var join = await a.JoinNewAsync("gen");
        Assert.Equal((short)ErrorCode.None, (await a.SyncAsync("gen", join.MemberId, 1, (join.MemberId, [1]))).ErrorCode);

        Assert.Equal((short)ErrorCode.IllegalGeneration, await a.HeartbeatAsync("gen", join.MemberId, 7));
        Assert.Equal((short)ErrorCode.IllegalGeneration, (await a.SyncAsync("gen", join.MemberId, 7)).ErrorCode);
    }

    [Fact]
    public async Task JoinGroup_SessionTimeoutBelowMinimum_AnswersInvalidSessionTimeout()
    {
        var a = await ConnectAsync();
        var request = GroupTestClient.JoinRequest("short-session", string.Empty);
        request.SessionTimeoutMs = 100;

        var join = await a.Connection.RequestAsync<JoinGroupResponse>(ApiKey.JoinGroup, 5, request);

        Assert.Equal((short)ErrorCode.InvalidSessionTimeout, join.ErrorCode);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 2, 2, 2)]
    [InlineData(5, 3, 3, 3)]
    [InlineData(6, 4, 4, 4)]
    [InlineData(9, 5, 4, 5)]
    public async Task SingleMember_EachVersion_JoinsSyncsHeartbeatsAndLeaves(short joinVersion, short syncVersion, short heartbeatVersion, short leaveVersion)
    {
        var a = await ConnectAsync("versions");
        var group = "v" + joinVersion;

        var join = await a.JoinNewAsync(group, joinVersion);
        Assert.Equal((short)ErrorCode.None, join.ErrorCode);
        var sync = GroupTestClient.SyncRequest(group, join.MemberId, join.GenerationId, (join.MemberId, [4, 2]));
        if (syncVersion >= 5)
        {
            sync.ProtocolType = "consumer";
            sync.ProtocolName = "range";
        }

        var synced = await a.Connection.RequestAsync<SyncGroupResponse>(ApiKey.SyncGroup, syncVersion, sync);
        var heartbeat = await a.HeartbeatAsync(group, join.MemberId, join.GenerationId, heartbeatVersion);
        var leave = new LeaveGroupRequest { GroupId = group, MemberId = join.MemberId, Members = [new LeaveGroupRequest.MemberIdentity { MemberId = join.MemberId, Reason = "done" }] };
        var left = await a.Connection.RequestAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, leaveVersion, leave);

        Assert.Equal((short)ErrorCode.None, synced.ErrorCode);
        Assert.Equal(new byte[] { 4, 2 }, synced.Assignment);
        if (syncVersion >= 5)
        {
            Assert.Equal(("consumer", "range"), (synced.ProtocolType, synced.ProtocolName));
        }

        Assert.Equal((short)ErrorCode.None, heartbeat);
        Assert.Equal((short)ErrorCode.None, left.ErrorCode);
        Assert.Equal(leaveVersion >= 3 ? 1 : 0, left.Members.Count);
        Assert.Equal("Empty", (await a.DescribeAsync(group)).GroupState);
    }
}
