using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// JoinGroup (v0–9) through the group's coordinator. The request is a long poll: the coordinator parks it
/// until the join phase ends, so the ask allows the member's rebalance timeout (session timeout for v0)
/// and the initial rebalance delay on top of the usual ask timeout. The group is registered with the
/// node's group registry before the coordinator may create it. The header's client id and the
/// connection's address ("/ip") are what DescribeGroups later shows. An empty group id gets
/// INVALID_GROUP_ID, as in Kafka; an ask that times out gets COORDINATOR_NOT_AVAILABLE, on which
/// clients look the coordinator up again and rejoin.
/// </summary>
public sealed class JoinGroupHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.JoinGroup;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var join = (JoinGroupRequest)request;
        var version = header.ApiVersion;
        if (join.GroupId.Length == 0)
        {
            return Error(version, ErrorCode.InvalidGroupId, join.MemberId);
        }

        var protocols = new MemberProtocol[join.Protocols.Count];
        for (var i = 0; i < protocols.Length; i++)
        {
            protocols[i] = new MemberProtocol(join.Protocols[i].Name, join.Protocols[i].Metadata);
        }

        var command = new GroupProtocol.JoinGroup(
            0,
            version,
            join.MemberId,
            join.GroupInstanceId,
            header.ClientId ?? string.Empty,
            GroupRequests.ClientHost(connection),
            join.SessionTimeoutMs,
            join.RebalanceTimeoutMs,
            join.ProtocolType,
            protocols,
            join.Reason);
        var wait = GroupRequests.JoinWait(version, join.SessionTimeoutMs, join.RebalanceTimeoutMs, broker.Settings.Group.InitialRebalanceDelayMs);
        GroupProtocol.JoinGroupReply reply;
        try
        {
            await broker.RegisterGroupAsync(join.GroupId, cancellationToken).ConfigureAwait(false);
            reply = await broker.AskGroupAsync<GroupProtocol.JoinGroupReply>(join.GroupId, command, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return Error(version, ErrorCode.CoordinatorNotAvailable, join.MemberId);
        }

        var response = new JoinGroupResponse
        {
            ErrorCode = (short)reply.Error,
            GenerationId = reply.GenerationId,
            ProtocolType = reply.ProtocolType,
            ProtocolName = reply.ProtocolName ?? NoProtocolName(version),
            Leader = reply.LeaderId,
            SkipAssignment = reply.SkipAssignment,
            MemberId = reply.MemberId,
        };
        foreach (var member in reply.Members)
        {
            response.Members.Add(new JoinGroupResponse.JoinGroupResponseMember
            {
                MemberId = member.MemberId,
                GroupInstanceId = member.GroupInstanceId,
                Metadata = member.Metadata.ToArray(),
            });
        }

        return response;
    }

    private static JoinGroupResponse Error(short version, ErrorCode error, string memberId) => new()
    {
        ErrorCode = (short)error,
        GenerationId = -1,
        ProtocolType = null,
        ProtocolName = NoProtocolName(version),
        Leader = string.Empty,
        MemberId = memberId,
    };

    // The protocol name is nullable from v7 only; Kafka sends "" before that.
    private static string? NoProtocolName(short version) => version >= 7 ? null : string.Empty;
}
