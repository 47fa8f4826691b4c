using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>CreateTopics through the topic manager; its error codes and messages are passed through.</summary>
public sealed class CreateTopicsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.CreateTopics;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var create = (CreateTopicsRequest)request;
        var response = new CreateTopicsResponse();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in create.Topics)
        {
            seen[topic.Name] = seen.TryGetValue(topic.Name, out var count) ? count + 1 : 1;
        }

        foreach (var topic in create.Topics)
        {
            var result = new CreateTopicsResponse.CreatableTopicResult { Name = topic.Name, NumPartitions = -1, ReplicationFactor = -1 };
            response.Topics.Add(result);
            if (seen[topic.Name] > 1)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = $"Create topics request from client contains duplicate topic '{topic.Name}'";
                continue;
            }

            if (topic.Assignments.Count > 0)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Manual replica assignment is not supported";
                continue;
            }

            Dictionary<string, string?>? configs = null;
            if (topic.Configs.Count > 0)
            {
                configs = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var config in topic.Configs)
                {
                    configs[config.Name] = config.Value;
                }
            }

            var outcome = await broker.AskTopicsAsync<TopicProtocol.CreateTopicResult>(
                new TopicProtocol.CreateTopic(topic.Name, topic.NumPartitions, topic.ReplicationFactor, configs, create.validateOnly),
                cancellationToken).ConfigureAwait(false);
            result.ErrorCode = (short)outcome.Error;
            result.ErrorMessage = outcome.ErrorMessage;
            if (outcome.Error == ErrorCode.None && outcome.Topic is { } created)
            {
                result.TopicId = create.validateOnly ? Guid.Empty : created.TopicId;
                result.NumPartitions = created.PartitionCount;
                result.ReplicationFactor = created.ReplicationFactor;
                result.Configs = [];
                foreach (var (name, value) in created.EffectiveConfigs)
                {
                    result.Configs.Add(new CreateTopicsResponse.CreatableTopicConfigs
                    {
                        Name = name,
                        Value = value,
                        ConfigSource = (sbyte)(created.Configs.ContainsKey(name) ? ConfigSource.DynamicTopicConfig : ConfigSource.DefaultConfig),
                    });
                }
            }
        }

        return response;
    }
}
