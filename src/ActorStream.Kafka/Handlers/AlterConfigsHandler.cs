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
        var seen = new Dictionary<(sbyte, string), int>();
        foreach (var resource in alter.Resources)
        {
            var key = (resource.ResourceType, resource.ResourceName);
            seen[key] = seen.TryGetValue(key, out var count) ? count + 1 : 1;
        }

        foreach (var resource in alter.Resources)
        {
            var result = new AlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorMessage = null,
            };
            response.Responses.Add(result);
            if (seen[(resource.ResourceType, resource.ResourceName)] > 1)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Duplicate resource.";
                continue;
            }

            switch ((ConfigResourceType)resource.ResourceType)
            {
                case ConfigResourceType.Topic:
                    var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var config in resource.Configs)
                    {
                        configs[config.Name] = config.Value;
                    }

                    var outcome = await broker.AskTopicsAsync<TopicProtocol.AlterConfigsResult>(
                        new TopicProtocol.AlterConfigs(resource.ResourceName, configs, alter.ValidateOnly), cancellationToken).ConfigureAwait(false);
                    result.ErrorCode = (short)outcome.Error;
                    result.ErrorMessage = outcome.ErrorMessage;
                    if (outcome.Error == ErrorCode.None && !alter.ValidateOnly)
                    {
                        await TopicConfigPropagation.ApplyAsync(broker, resource.ResourceName, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ConfigResourceType.Broker:
                    if (!BrokerResources.TryCheck(resource.ResourceName, broker.NodeId, out _, out var error))
                    {
                        result.ErrorCode = (short)ErrorCode.InvalidRequest;
                        result.ErrorMessage = error;
                    }
                    else if (resource.Configs.Count > 0)
                    {
                        result.ErrorCode = (short)ErrorCode.InvalidRequest;
                        result.ErrorMessage = BrokerResources.DynamicConfigsUnsupported;
                    }

                    break;
                case ConfigResourceType.BrokerLogger:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = "Broker loggers are not supported: log levels come from the node's logging configuration";
                    break;
                default:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = $"AlterConfigs is only supported for topics and brokers, but resource type is {resource.ResourceType}";
                    break;
            }
        }

        return response;
    }
}
