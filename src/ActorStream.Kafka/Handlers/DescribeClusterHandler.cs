using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// DescribeCluster (v0–1): the cluster id, this node as the only broker and as the controller. The node has
/// no authorizer, so the authorized cluster operations (when asked) are every operation Kafka defines on a
/// cluster. v1 asks for an endpoint type: brokers (1) are served; controllers (2) are
/// MISMATCHED_ENDPOINT_TYPE, since the node is reached through its broker listener; any other type is
/// UNSUPPORTED_ENDPOINT_TYPE.
/// </summary>
public sealed class DescribeClusterHandler(BrokerServices broker) : IApiHandler
{
    private const sbyte BrokerEndpoints = 1;
    private const sbyte ControllerEndpoints = 2;

    // Kafka's AclOperation codes valid on a CLUSTER resource: CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9,
    // DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12, CREATE_TOKENS 13, DESCRIBE_TOKENS 14.
    private const int ClusterOperations = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14);

    public ApiKey ApiKey => ApiKey.DescribeCluster;

    public ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var describe = (DescribeClusterRequest)request;
        var response = new DescribeClusterResponse { EndpointType = BrokerEndpoints, ClusterId = broker.ClusterId, ErrorMessage = null };
        if (header.ApiVersion >= 1 && describe.EndpointType != BrokerEndpoints)
        {
            response.ErrorCode = (short)(describe.EndpointType == ControllerEndpoints ? ErrorCode.MismatchedEndpointType : ErrorCode.UnsupportedEndpointType);
            response.ErrorMessage = describe.EndpointType == ControllerEndpoints
                ? "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER"
                : $"Unsupported endpoint type {describe.EndpointType}";
            return ValueTask.FromResult<IKafkaMessage?>(response);
        }

        var endpoint = broker.Endpoint;
        response.ControllerId = broker.NodeId;
        response.Brokers.Add(new DescribeClusterResponse.DescribeClusterBroker { BrokerId = broker.NodeId, Host = endpoint.Host, Port = endpoint.Port, Rack = null });
        response.ClusterAuthorizedOperations = describe.IncludeClusterAuthorizedOperations ? ClusterOperations : int.MinValue;
        return ValueTask.FromResult<IKafkaMessage?>(response);
    }
}
