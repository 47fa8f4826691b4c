using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// DeleteGroups (v0–2): asks each group's coordinator (in parallel) to delete its group: NONE for an
/// Empty group (its offsets go with it, and the coordinator takes the id out of the node's group
/// registry), NON_EMPTY_GROUP while it has members, GROUP_ID_NOT_FOUND when it does not exist. An ask
/// that times out gets COORDINATOR_NOT_AVAILABLE for that group.
/// </summary>
public sealed class DeleteGroupsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.DeleteGroups;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var delete = (DeleteGroupsRequest)request;
        var pending = new Task<GroupProtocol.DeleteGroupReply>[delete.GroupsNames.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = broker.AskGroupAsync<GroupProtocol.DeleteGroupReply>(delete.GroupsNames[i], new GroupProtocol.DeleteGroup(0), null, cancellationToken);
        }

        var response = new DeleteGroupsResponse();
        for (var i = 0; i < pending.Length; i++)
        {
            var groupId = delete.GroupsNames[i];
            var result = new DeleteGroupsResponse.DeletableGroupResult { GroupId = groupId };
            response.Results.Add(result);
            try
            {
                var reply = await pending[i].ConfigureAwait(false);
                result.ErrorCode = (short)reply.Error;
                if (reply.Error == ErrorCode.None)
                {
                    broker.ForgetRegisteredGroup(groupId);
                }
            }
            catch (AskTimeoutException)
            {
                result.ErrorCode = (short)ErrorCode.CoordinatorNotAvailable;
            }
        }

        return response;
    }
}
