using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// SyncGroup (v0–5) through the group's coordinator. A follower's request stays parked until the leader's
/// assignment arrives or the coordinator's sync deadline passes, so the ask allows
/// <see cref="GroupRequests.ParkedSyncLimit"/> beyond the ask timeout. v5 carries the protocol type and
/// name, which the coordinator checks. Empty group id: INVALID_GROUP_ID; ask timeout:
/// COORDINATOR_NOT_AVAILABLE.
/// </summary>
public sealed class SyncGroupHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.SyncGroup;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var sync = (SyncGroupRequest)request;
        if (sync.GroupId.Length == 0)
        {
            return new SyncGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        var assignments = new MemberAssignment[sync.Assignments.Count];
        for (var i = 0; i < assignments.Length; i++)
        {
            assignments[i] = new MemberAssignment(sync.Assignments[i].MemberId, sync.Assignments[i].Assignment);
        }

        var command = new GroupProtocol.SyncGroup(0, sync.MemberId, sync.GroupInstanceId, sync.GenerationId, sync.ProtocolType, sync.ProtocolName, assignments);
        GroupProtocol.SyncGroupReply reply;
        try
        {
            reply = await broker.AskGroupAsync<GroupProtocol.SyncGroupReply>(sync.GroupId, command, GroupRequests.ParkedSyncLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new SyncGroupResponse { ErrorCode = (short)ErrorCode.CoordinatorNotAvailable };
        }

        return new SyncGroupResponse
        {
            ErrorCode = (short)reply.Error,
            ProtocolType = reply.ProtocolType,
            ProtocolName = reply.ProtocolName,
            Assignment = reply.Assignment.ToArray(),
        };
    }
}
