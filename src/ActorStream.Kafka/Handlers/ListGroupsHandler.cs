using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// ListGroups (v0–4): every group id in the node's <see cref="GroupRegistryActor"/> (which includes groups
/// whose coordinator is passivated or not started since a restart) is asked of its coordinator, in
/// parallel, with the v4 states filter (and the v5 types filter when sent); groups that no longer exist
/// or are filtered out answer nothing. When a coordinator does not answer in time, the groups that did
/// are listed with COORDINATOR_LOAD_IN_PROGRESS, as Kafka answers while a coordinator is still loading.
/// </summary>
public sealed class ListGroupsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.ListGroups;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var list = (ListGroupsRequest)request;
        var response = new ListGroupsResponse();
        IReadOnlyList<string> groupIds;
        try
        {
            groupIds = await broker.GetGroupIdsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            response.ErrorCode = (short)ErrorCode.CoordinatorLoadInProgress;
            return response;
        }

        var command = new GroupProtocol.ListGroup(0, list.StatesFilter, list.TypesFilter);
        var pending = new Task<GroupProtocol.ListGroupReply>[groupIds.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = broker.AskGroupAsync<GroupProtocol.ListGroupReply>(groupIds[i], command, null, cancellationToken);
        }

        foreach (var task in pending)
        {
            GroupProtocol.ListGroupReply reply;
            try
            {
                reply = await task.ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                response.ErrorCode = (short)ErrorCode.CoordinatorLoadInProgress;
                continue;
            }

            if (reply.Group is { } group)
            {
                response.Groups.Add(new ListGroupsResponse.ListedGroup
                {
                    GroupId = group.GroupId,
                    ProtocolType = group.ProtocolType,
                    GroupState = group.GroupState,
                    GroupType = group.GroupType,
                });
            }
        }

        return response;
    }
}
