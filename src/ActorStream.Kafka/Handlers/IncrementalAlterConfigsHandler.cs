using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// IncrementalAlterConfigs (v0–1, KIP-339): SET, DELETE (back to the default), APPEND and SUBTRACT (list
/// configs only) on the dynamic configs of a TOPIC, all of a resource's operations or none. Bad names or
/// values are INVALID_CONFIG, a name given twice or APPEND/SUBTRACT on a non-list config INVALID_REQUEST,
/// as in Kafka; validate_only checks without changing anything. A change reaches the running partition
/// leaders before the answer (<see cref="TopicConfigPropagation"/>). BROKER resources are INVALID_REQUEST
/// unless they change nothing: the node takes no dynamic broker configs.
/// </summary>
public sealed class IncrementalAlterConfigsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.IncrementalAlterConfigs;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var alter = (IncrementalAlterConfigsRequest)request;
        var response = new IncrementalAlterConfigsResponse();
        var duplicates = ConfigResourceAlterations.Duplicates(alter.Resources, r => (r.ResourceType, r.ResourceName));
        foreach (var resource in alter.Resources)
        {
            var (error, message) = duplicates.Contains((resource.ResourceType, resource.ResourceName))
                ? (ErrorCode.InvalidRequest, "Duplicate resource.")
                : await ConfigResourceAlterations.AlterAsync(
                    broker,
                    resource.ResourceType,
                    resource.ResourceName,
                    resource.Configs.Count,
                    alter.ValidateOnly,
                    () => new TopicProtocol.IncrementalAlterConfigs(resource.ResourceName, Alterations(resource), alter.ValidateOnly),
                    $"Unexpected resource type {resource.ResourceType}",
                    cancellationToken).ConfigureAwait(false);
            response.Responses.Add(new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = (short)error,
                ErrorMessage = message,
            });
        }

        return response;
    }

    private static List<TopicProtocol.ConfigAlteration> Alterations(IncrementalAlterConfigsRequest.AlterConfigsResource resource)
    {
        var alterations = new List<TopicProtocol.ConfigAlteration>(resource.Configs.Count);
        foreach (var config in resource.Configs)
        {
            alterations.Add(new TopicProtocol.ConfigAlteration(config.Name, (AlterConfigOp)config.ConfigOperation, config.Value));
        }

        return alterations;
    }
}
