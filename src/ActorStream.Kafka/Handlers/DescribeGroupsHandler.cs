using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// DescribeGroups (v0–5): asks each group's coordinator (in parallel). A group that does not exist is
/// described as "Dead" with no members and NONE, as Kafka does; member metadata and assignments are
/// filled only while the group is Stable. With include_authorized_operations (v3+) the group operations
/// are READ, DELETE and DESCRIBE, as nothing is authorized per principal. An ask that times out gets
/// COORDINATOR_NOT_AVAILABLE for that group.
/// </summary>
public sealed class DescribeGroupsHandler(BrokerServices broker) : IApiHandler
{
    // Bits of AclOperation READ (3), DELETE (6) and DESCRIBE (8): what Kafka lists for a group.
    private const int GroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

    public ApiKey ApiKey => ApiKey.DescribeGroups;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var describe = (DescribeGroupsRequest)request;
        var pending = new Task<GroupProtocol.DescribeGroupReply>[describe.Groups.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = broker.AskGroupAsync<GroupProtocol.DescribeGroupReply>(describe.Groups[i], new GroupProtocol.DescribeGroup(0), null, cancellationToken);
        }

        var response = new DescribeGroupsResponse();
        for (var i = 0; i < pending.Length; i++)
        {
            var described = new DescribeGroupsResponse.DescribedGroup { GroupId = describe.Groups[i] };
            response.Groups.Add(described);
            GroupProtocol.DescribeGroupReply reply;
            try
            {
                reply = await pending[i].ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                described.ErrorCode = (short)ErrorCode.CoordinatorNotAvailable;
                continue;
            }

            described.ErrorCode = (short)reply.Error;
            described.GroupState = reply.State;
            described.ProtocolType = reply.ProtocolType;
            described.ProtocolData = reply.ProtocolData;
            if (describe.IncludeAuthorizedOperations)
            {
                described.AuthorizedOperations = GroupOperations;
            }

            foreach (var member in reply.Members)
            {
                described.Members.Add(new DescribeGroupsResponse.DescribedGroupMember
                {
                    MemberId = member.MemberId,
                    GroupInstanceId = member.GroupInstanceId,
                    ClientId = member.ClientId,
                    ClientHost = member.ClientHost,
                    MemberMetadata = member.Metadata.ToArray(),
                    MemberAssignment = member.Assignment.ToArray(),
                });
            }
        }

        return response;
    }
}
