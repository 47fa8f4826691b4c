using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Heartbeat (v0–4) through the group's coordinator: NONE, REBALANCE_IN_PROGRESS (rejoin now),
/// ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID. Empty group id: INVALID_GROUP_ID; ask
/// timeout: COORDINATOR_NOT_AVAILABLE.
/// </summary>
public sealed class HeartbeatHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.Heartbeat;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var heartbeat = (HeartbeatRequest)request;
        if (heartbeat.GroupId.Length == 0)
        {
            return new HeartbeatResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        var command = new GroupProtocol.Heartbeat(0, heartbeat.MemberId, heartbeat.GroupInstanceId, heartbeat.GenerationId);
        try
        {
            var reply = await broker.AskGroupAsync<GroupProtocol.HeartbeatReply>(heartbeat.GroupId, command, null, cancellationToken).ConfigureAwait(false);
            return new HeartbeatResponse { ErrorCode = (short)reply.Error };
        }
        catch (AskTimeoutException)
        {
            return new HeartbeatResponse { ErrorCode = (short)ErrorCode.CoordinatorNotAvailable };
        }
    }
}
