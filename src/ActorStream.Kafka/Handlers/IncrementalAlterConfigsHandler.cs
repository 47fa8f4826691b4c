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
        var seen = new Dictionary<(sbyte, string), int>();
        foreach (var resource in alter.Resources)
        {
            var key = (resource.ResourceType, resource.ResourceName);
            seen[key] = seen.TryGetValue(key, out var count) ? count + 1 : 1;
        }

        foreach (var resource in alter.Resources)
        {
            var result = new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse
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
                    var alterations = new List<TopicProtocol.ConfigAlteration>(resource.Configs.Count);
                    foreach (var config in resource.Configs)
                    {
                        alterations.Add(new TopicProtocol.ConfigAlteration(config.Name, (AlterConfigOp)config.ConfigOperation, config.Value));
                    }

                    var outcome = await broker.AskTopicsAsync<TopicProtocol.AlterConfigsResult>(
                        new TopicProtocol.IncrementalAlterConfigs(resource.ResourceName, alterations, alter.ValidateOnly), cancellationToken).ConfigureAwait(false);
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
                    result.ErrorMessage = $"Unexpected resource type {resource.ResourceType}";
                    break;
            }
        }

        return response;
    }
}
