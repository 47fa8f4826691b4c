using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// AlterConfigs (v0–2, the legacy API): the configs given for a TOPIC become its whole set of dynamic topic
/// configs (unlisted ones revert to their defaults; a repeated name keeps the last value). Bad names or
/// values are INVALID_CONFIG with the reason; validate_only checks without changing anything. A change
/// reaches the running partition leaders before the answer (<see cref="TopicConfigPropagation"/>). BROKER
/// resources are INVALID_REQUEST unless they change nothing: the node takes no dynamic broker configs. A
/// resource named twice is INVALID_REQUEST, as in Kafka.
/// </summary>
public sealed class AlterConfigsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.AlterConfigs;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var alter = (AlterConfigsRequest)request;
        var response = new AlterConfigsResponse();
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
                    () => new TopicProtocol.AlterConfigs(resource.ResourceName, Configs(resource), alter.ValidateOnly),
                    $"AlterConfigs is only supported for topics and brokers, but resource type is {resource.ResourceType}",
                    cancellationToken).ConfigureAwait(false);
            response.Responses.Add(new AlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = (short)error,
                ErrorMessage = message,
            });
        }

        return response;
    }

    /// <summary>The resource's configs by name; a repeated name keeps the last value.</summary>
    private static Dictionary<string, string?> Configs(AlterConfigsRequest.AlterConfigsResource resource)
    {
        var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var config in resource.Configs)
        {
            configs[config.Name] = config.Value;
        }

        return configs;
    }
}
