using ActorStream.Broker.Topics;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// What AlterConfigs and IncrementalAlterConfigs share once each has turned a resource's configs into
/// its topic command: duplicate resources, the TOPIC change and its propagation to the running partition
/// leaders, and the answers for BROKER, BROKER_LOGGER and unknown resource types.
/// </summary>
internal static class ConfigResourceAlterations
{
    /// <summary>The (type, name) pairs named more than once in one request: each is INVALID_REQUEST, as in Kafka.</summary>
    public static HashSet<(sbyte Type, string Name)> Duplicates<TResource>(List<TResource> resources, Func<TResource, (sbyte Type, string Name)> key)
    {
        var seen = new HashSet<(sbyte, string)>();
        var duplicates = new HashSet<(sbyte, string)>();
        foreach (var resource in resources)
        {
            var k = key(resource);
            if (!seen.Add(k))
            {
                duplicates.Add(k);
            }
        }

        return duplicates;
    }

    /// <summary>
    /// Alters one resource. <paramref name="topicCommand"/> builds the topic manager's command (called for
    /// TOPIC resources only); a change that is not validate-only reaches the running partition leaders
    /// before this returns (<see cref="TopicConfigPropagation"/>).
    /// </summary>
    public static async Task<(ErrorCode Error, string? Message)> AlterAsync(
        BrokerServices broker,
        sbyte resourceType,
        string resourceName,
        int configCount,
        bool validateOnly,
        Func<ITopicCommand> topicCommand,
        string unsupportedTypeMessage,
        CancellationToken cancellationToken)
    {
        switch ((ConfigResourceType)resourceType)
        {
            case ConfigResourceType.Topic:
                var outcome = await broker.AskTopicsAsync<TopicProtocol.AlterConfigsResult>(topicCommand(), cancellationToken).ConfigureAwait(false);
                if (outcome.Error == ErrorCode.None && !validateOnly)
                {
                    await TopicConfigPropagation.ApplyAsync(broker, resourceName, cancellationToken).ConfigureAwait(false);
                }

                return (outcome.Error, outcome.ErrorMessage);
            case ConfigResourceType.Broker:
                if (!BrokerResources.TryCheck(resourceName, broker.NodeId, out _, out var error))
                {
                    return (ErrorCode.InvalidRequest, error);
                }

                return configCount > 0 ? (ErrorCode.InvalidRequest, BrokerResources.DynamicConfigsUnsupported) : (ErrorCode.None, null);
            case ConfigResourceType.BrokerLogger:
                return (ErrorCode.InvalidRequest, "Broker loggers are not supported: log levels come from the node's logging configuration");
            default:
                return (ErrorCode.InvalidRequest, unsupportedTypeMessage);
        }
    }
}
