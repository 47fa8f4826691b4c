using System.Net;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>A group member's (or an admin's) own connection with one helper per group API request.</summary>
internal sealed class GroupTestClient : IDisposable
{
    public const int SessionTimeoutMs = 10_000;
    public const int RebalanceTimeoutMs = 10_000;

    private GroupTestClient(KafkaTestConnection connection) => Connection = connection;

    public KafkaTestConnection Connection { get; }

    public static async Task<GroupTestClient> OpenAsync(EndPoint endPoint, string clientId) =>
        new(await KafkaTestConnection.OpenAsync(endPoint, clientId));

    public static JoinGroupRequest JoinRequest(string groupId, string memberId, byte metadata = 1) => new()
    {
        GroupId = groupId,
        MemberId = memberId,
        SessionTimeoutMs = SessionTimeoutMs,
        RebalanceTimeoutMs = RebalanceTimeoutMs,
        ProtocolType = "consumer",
        Protocols = [new JoinGroupRequest.JoinGroupRequestProtocol { Name = "range", Metadata = [metadata] }],
    };

    public Task<JoinGroupResponse> JoinAsync(string groupId, string memberId, short version = 5, byte metadata = 1) =>
        Connection.RequestAsync<JoinGroupResponse>(ApiKey.JoinGroup, version, JoinRequest(groupId, memberId, metadata));

    /// <summary>Sends a JoinGroup that is expected to be parked; await <see cref="ReceiveJoinAsync"/> for its answer.</summary>
    public Task<int> SendJoinAsync(string groupId, string memberId, short version = 5, byte metadata = 1) =>
        Connection.SendAsync(ApiKey.JoinGroup, version, JoinRequest(groupId, memberId, metadata));

    public Task<JoinGroupResponse> ReceiveJoinAsync(int correlationId, short version = 5) =>
        Connection.ReceiveAsync<JoinGroupResponse>(ApiKey.JoinGroup, version, correlationId);

    /// <summary>Joins as a new member (v4+: through MEMBER_ID_REQUIRED) and returns the completed join.</summary>
    public async Task<JoinGroupResponse> JoinNewAsync(string groupId, short version = 5)
    {
        var first = await JoinAsync(groupId, string.Empty, version);
        if (version < 4)
        {
            return first;
        }

        Assert.Equal((short)ErrorCode.MemberIdRequired, first.ErrorCode);
        return await JoinAsync(groupId, first.MemberId, version);
    }

    public static SyncGroupRequest SyncRequest(string groupId, string memberId, int generation, params (string MemberId, byte[] Assignment)[] assignments)
    {
        var request = new SyncGroupRequest { GroupId = groupId, MemberId = memberId, GenerationId = generation };
        foreach (var (member, assignment) in assignments)
        {
            request.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = member, Assignment = assignment });
        }

        return request;
    }

    public Task<SyncGroupResponse> SyncAsync(string groupId, string memberId, int generation, params (string MemberId, byte[] Assignment)[] assignments) =>
        Connection.RequestAsync<SyncGroupResponse>(ApiKey.SyncGroup, 3, SyncRequest(groupId, memberId, generation, assignments));

    public async Task<short> HeartbeatAsync(string groupId, string memberId, int generation, short version = 3)
    {
        var response = await Connection.RequestAsync<HeartbeatResponse>(ApiKey.Heartbeat, version, new HeartbeatRequest { GroupId = groupId, MemberId = memberId, GenerationId = generation });
        return response.ErrorCode;
    }

    public async Task<short> LeaveAsync(string groupId, string memberId)
    {
        var response = await Connection.RequestAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, 1, new LeaveGroupRequest { GroupId = groupId, MemberId = memberId });
        return response.ErrorCode;
    }

    public Task<OffsetCommitResponse> CommitAsync(string groupId, string memberId, int generation, string topic, int partition, long offset, short version = 8) =>
        Connection.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, version, CommitRequest(groupId, memberId, generation, (topic, partition, offset)));

    public static OffsetCommitRequest CommitRequest(string groupId, string memberId, int generation, params (string Topic, int Partition, long Offset)[] offsets)
    {
        var request = new OffsetCommitRequest { GroupId = groupId, MemberId = memberId, GenerationIdOrMemberEpoch = generation };
        foreach (var (topic, partition, offset) in offsets)
        {
            var slot = request.Topics.Find(t => t.Name == topic);
            if (slot is null)
            {
                slot = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = topic };
                request.Topics.Add(slot);
            }

            slot.Partitions.Add(new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = partition, CommittedOffset = offset, CommittedMetadata = "m" + offset });
        }

        return request;
    }

    /// <summary>OffsetFetch (v1–7) of the listed partitions, or of all when <paramref name="partitions"/> is null.</summary>
    public Task<OffsetFetchResponse> FetchOffsetsAsync(string groupId, (string Topic, int Partition)[]? partitions, short version = 7)
    {
        var request = new OffsetFetchRequest { GroupId = groupId, Topics = partitions is null ? null : [] };
        foreach (var (topic, partition) in partitions ?? [])
        {
            var slot = request.Topics!.Find(t => t.Name == topic);
            if (slot is null)
            {
                slot = new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic };
                request.Topics.Add(slot);
            }

            slot.PartitionIndexes.Add(partition);
        }

        return Connection.RequestAsync<OffsetFetchResponse>(ApiKey.OffsetFetch, version, request);
    }

    public async Task<long> CommittedAsync(string groupId, string topic, int partition)
    {
        var response = await FetchOffsetsAsync(groupId, [(topic, partition)]);
        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        var fetched = Assert.Single(Assert.Single(response.Topics).Partitions);
        Assert.Equal((short)ErrorCode.None, fetched.ErrorCode);
        return fetched.CommittedOffset;
    }

    public async Task<DescribeGroupsResponse.DescribedGroup> DescribeAsync(string groupId, short version = 5)
    {
        var response = await Connection.RequestAsync<DescribeGroupsResponse>(ApiKey.DescribeGroups, version, new DescribeGroupsRequest { Groups = [groupId] });
        return Assert.Single(response.Groups);
    }

    public Task<ListGroupsResponse> ListAsync(short version = 4, params string[] states) =>
        Connection.RequestAsync<ListGroupsResponse>(ApiKey.ListGroups, version, new ListGroupsRequest { StatesFilter = [.. states] });

    public async Task<DeleteGroupsResponse> DeleteAsync(params string[] groupIds) =>
        await Connection.RequestAsync<DeleteGroupsResponse>(ApiKey.DeleteGroups, 2, new DeleteGroupsRequest { GroupsNames = [.. groupIds] });

    public async Task CreateTopicAsync(string name, int partitions)
    {
        var request = new CreateTopicsRequest { timeoutMs = 5000 };
        request.Topics.Add(new CreateTopicsRequest.CreatableTopic { Name = name, NumPartitions = partitions, ReplicationFactor = -1 });
        var response = await Connection.RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, 5, request);
        Assert.Equal((short)ErrorCode.None, Assert.Single(response.Topics).ErrorCode);
    }

    public void Dispose() => Connection.Dispose();
}
