using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// FindCoordinator (v0–4): every group is coordinated by this node, so key type 0 (group) answers this
/// node's advertised address for any key (v4 batches the keys in CoordinatorKeys). Transactions are not
/// supported: key type 1 gets COORDINATOR_NOT_AVAILABLE with a message saying so (what a Kafka cluster
/// answers while no transaction coordinator can serve the key; clients retry, then report it). Other
/// key types get INVALID_REQUEST, as Kafka does for a type it does not know.
/// </summary>
public sealed class FindCoordinatorHandler(BrokerServices broker) : IApiHandler
{
    /// <summary>Key type of consumer groups.</summary>
    public const sbyte GroupKeyType = 0;

    /// <summary>Key type of transactional ids.</summary>
    public const sbyte TransactionKeyType = 1;

    /// <summary>The message sent with COORDINATOR_NOT_AVAILABLE for transactional ids.</summary>
    public const string TransactionsNotSupported = "Transactions are not supported by this broker";

    public ApiKey ApiKey => ApiKey.FindCoordinator;

    public ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var find = (FindCoordinatorRequest)request;
        var version = header.ApiVersion;
        var keyType = version == 0 ? GroupKeyType : find.KeyType;
        var response = new FindCoordinatorResponse();
        if (version >= 4)
        {
            foreach (var key in find.CoordinatorKeys)
            {
                response.Coordinators.Add(Resolve(key, keyType));
            }
        }
        else
        {
            var coordinator = Resolve(find.Key, keyType);
            response.ErrorCode = coordinator.ErrorCode;
            response.ErrorMessage = coordinator.ErrorMessage;
            response.NodeId = coordinator.NodeId;
            response.Host = coordinator.Host;
            response.Port = coordinator.Port;
        }

        return ValueTask.FromResult<IKafkaMessage?>(response);
    }

    private FindCoordinatorResponse.Coordinator Resolve(string key, sbyte keyType)
    {
        if (keyType == GroupKeyType)
        {
            var endpoint = broker.Endpoint;
            return new FindCoordinatorResponse.Coordinator
            {
                Key = key,
                NodeId = broker.NodeId,
                Host = endpoint.Host,
                Port = endpoint.Port,
                ErrorCode = (short)ErrorCode.None,
                ErrorMessage = null,
            };
        }

        return new FindCoordinatorResponse.Coordinator
        {
            Key = key,
            NodeId = -1,
            Host = string.Empty,
            Port = -1,
            ErrorCode = (short)(keyType == TransactionKeyType ? ErrorCode.CoordinatorNotAvailable : ErrorCode.InvalidRequest),
            ErrorMessage = keyType == TransactionKeyType ? TransactionsNotSupported : $"Unknown coordinator key type {keyType}",
        };
    }
}
