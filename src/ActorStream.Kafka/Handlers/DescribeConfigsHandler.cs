using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// DescribeConfigs (v0–4). TOPIC resources come from the topic manager: every topic config with its value and
/// source (DYNAMIC_TOPIC_CONFIG when set on the topic, STATIC_BROKER_CONFIG when the node's configuration sets
/// the broker synonym, DEFAULT_CONFIG otherwise), synonyms (v1+ when asked), type and documentation (v3+ when
/// asked). BROKER resources named with this node's id list the broker settings under their Kafka names
/// (<see cref="BrokerConfigCatalog"/>); the empty name (cluster-wide dynamic defaults) lists nothing, since the
/// node has no dynamic broker configs; another id is INVALID_REQUEST, as in Kafka. A null or empty key list
/// means every config; unknown keys are left out.
/// </summary>
public sealed class DescribeConfigsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.DescribeConfigs;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var describe = (DescribeConfigsRequest)request;
        var version = header.ApiVersion;
        var synonyms = version >= 1 && describe.IncludeSynonyms;
        var documentation = version >= 3 && describe.IncludeDocumentation;
        var response = new DescribeConfigsResponse();
        foreach (var resource in describe.Resources)
        {
            var result = new DescribeConfigsResponse.DescribeConfigsResult
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorMessage = null,
            };
            response.Results.Add(result);
            IReadOnlyList<string>? keys = resource.ConfigurationKeys is { Count: > 0 } requested ? requested : null;
            switch ((ConfigResourceType)resource.ResourceType)
            {
                case ConfigResourceType.Topic:
                    var described = await broker.AskTopicsAsync<TopicProtocol.DescribeConfigsResult>(
                        new TopicProtocol.DescribeConfigs(resource.ResourceName, keys, synonyms, documentation), cancellationToken).ConfigureAwait(false);
                    result.ErrorCode = (short)described.Error;
                    result.ErrorMessage = described.ErrorMessage;
                    AddConfigs(result, described.Configs);
                    break;
                case ConfigResourceType.Broker:
                    if (!BrokerResources.TryCheck(resource.ResourceName, broker.NodeId, out var isDefault, out var error))
                    {
                        result.ErrorCode = (short)ErrorCode.InvalidRequest;
                        result.ErrorMessage = error;
                    }
                    else if (!isDefault)
                    {
                        AddConfigs(result, BrokerConfigCatalog.Describe(broker.Settings, keys, synonyms, documentation));
                    }

                    break;
                case ConfigResourceType.BrokerLogger:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = "Broker loggers are not supported: log levels come from the node's logging configuration";
                    break;
                default:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = $"Unsupported resource type: {resource.ResourceType}";
                    break;
            }
        }

        return response;
    }

    private static void AddConfigs(DescribeConfigsResponse.DescribeConfigsResult result, IReadOnlyList<TopicProtocol.DescribedConfig> configs)
    {
        foreach (var config in configs)
        {
            var entry = new DescribeConfigsResponse.DescribeConfigsResourceResult
            {
                Name = config.Name,
                Value = config.Value,
                ReadOnly = config.ReadOnly,
                IsDefault = config.IsDefault,
                ConfigSource = (sbyte)config.Source,
                IsSensitive = config.IsSensitive,
                ConfigType = (sbyte)config.Type,
                Documentation = config.Documentation,
            };
            foreach (var synonym in config.Synonyms)
            {
                entry.Synonyms.Add(new DescribeConfigsResponse.DescribeConfigsSynonym { Name = synonym.Name, Value = synonym.Value, Source = (sbyte)synonym.Source });
            }

            result.Configs.Add(entry);
        }
    }
}
