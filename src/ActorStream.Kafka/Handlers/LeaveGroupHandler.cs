using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// LeaveGroup through the group's coordinator: v0–2 name one member (its error is the top-level error),
/// v3+ a batch of members by member id or group.instance.id with an error each. Empty group id:
/// INVALID_GROUP_ID; ask timeout: COORDINATOR_NOT_AVAILABLE.
/// </summary>
public sealed class LeaveGroupHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.LeaveGroup;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var leave = (LeaveGroupRequest)request;
        var version = header.ApiVersion;
        if (leave.GroupId.Length == 0)
        {
            return new LeaveGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        GroupProtocol.LeavingMember[] members;
        if (version <= 2)
        {
            members = [new GroupProtocol.LeavingMember(leave.MemberId, null)];
        }
        else
        {
            members = new GroupProtocol.LeavingMember[leave.Members.Count];
            for (var i = 0; i < members.Length; i++)
            {
                var member = leave.Members[i];
                members[i] = new GroupProtocol.LeavingMember(member.MemberId, member.GroupInstanceId, member.Reason);
            }
        }

        GroupProtocol.LeaveGroupReply reply;
        try
        {
            reply = await broker.AskGroupAsync<GroupProtocol.LeaveGroupReply>(leave.GroupId, new GroupProtocol.LeaveGroup(0, version, members), null, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new LeaveGroupResponse { ErrorCode = (short)ErrorCode.CoordinatorNotAvailable };
        }

        var response = new LeaveGroupResponse { ErrorCode = (short)reply.Error };
        if (version >= 3)
        {
            foreach (var left in reply.Members)
            {
                response.Members.Add(new LeaveGroupResponse.MemberResponse
                {
                    MemberId = left.MemberId,
                    GroupInstanceId = left.GroupInstanceId,
                    ErrorCode = (short)left.Error,
                });
            }
        }

        return response;
    }
}
