using ActorStream.Actor;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Topics;

/// <summary>The command handlers of <see cref="TopicManagerActor"/>.</summary>
public sealed partial class TopicManagerActor
{
    private void HandleCreateTopic(TopicProtocol.CreateTopic create)
    {
        if (!TryPrepareCreate(create.Name, create.NumPartitions, create.ReplicationFactor, create.Configs, out var created, out var error, out var message))
        {
            Sender.Tell(new TopicProtocol.CreateTopicResult(create.Name, error, message, null));
            return;
        }

        var preview = new TopicMetadata(created.Name, created.TopicId, created.PartitionCount, created.ReplicationFactor, created.Configs, Effective(created.Configs), created.TimestampMs);
        if (create.ValidateOnly)
        {
            Sender.Tell(new TopicProtocol.CreateTopicResult(create.Name, ErrorCode.None, null, preview));
            return;
        }

        PersistAndPublish(created, TopicChangeKind.Created, created.Name, () => new TopicProtocol.CreateTopicResult(created.Name, ErrorCode.None, null, _topics[created.Name]));
    }

    /// <summary>Kafka's CreateTopics checks, in Kafka's order: name, existence, collision, partitions, replication, configs.</summary>
    private bool TryPrepareCreate(
        string name,
        int numPartitions,
        short replicationFactor,
        IReadOnlyDictionary<string, string?>? configs,
        out TopicEvents.TopicCreated created,
        out ErrorCode error,
        out string? message)
    {
        created = null!;
        if (!TopicNames.TryValidate(name, out message))
        {
            error = ErrorCode.InvalidTopicException;
            return false;
        }

        if (_topics.ContainsKey(name))
        {
            error = ErrorCode.TopicAlreadyExists;
            message = $"Topic '{name}' already exists.";
            return false;
        }

        if (TopicNames.HasCollisionChars(name))
        {
            var unified = TopicNames.Unify(name);
            foreach (var existing in _topics.Keys)
            {
                if (string.Equals(TopicNames.Unify(existing), unified, StringComparison.Ordinal))
                {
                    error = ErrorCode.InvalidTopicException;
                    message = $"Topic '{name}' collides with existing topic: {existing}";
                    return false;
                }
            }

            Log.Warning("Topic {0} contains '.' or '_': due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.", name);
        }

        if (numPartitions == 0 || numPartitions < -1)
        {
            error = ErrorCode.InvalidPartitions;
            message = "Number of partitions was set to an invalid non-positive value.";
            return false;
        }

        if (replicationFactor == 0 || replicationFactor < -1)
        {
            error = ErrorCode.InvalidReplicationFactor;
            message = "Replication factor must be larger than 0, or -1 to use the default value.";
            return false;
        }

        var partitions = numPartitions == -1 ? _settings.NumPartitions : numPartitions;
        var replicas = replicationFactor == -1 ? _settings.DefaultReplicationFactor : replicationFactor;
        if (replicas > _availableBrokers)
        {
            error = ErrorCode.InvalidReplicationFactor;
            message = $"Unable to replicate the partition {replicas} time(s): The target replication factor of {replicas} cannot be reached because only {_availableBrokers} broker(s) are registered.";
            return false;
        }

        if (!TryValidateConfigs(configs, out var normalized, out error, out message))
        {
            return false;
        }

        created = new TopicEvents.TopicCreated(name, NewTopicId(), partitions, replicas, normalized, NowMs);
        return true;
    }

    private Guid NewTopicId()
    {
        Guid id;
        do
        {
            id = Guid.NewGuid();
        }
        while (_names.ContainsKey(id));
        return id;
    }

    private void HandleDeleteTopic(TopicProtocol.DeleteTopic delete)
    {
        var name = string.IsNullOrEmpty(delete.Name) ? null : delete.Name;
        var id = delete.TopicId is { } given && given != Guid.Empty ? given : (Guid?)null;
        TopicMetadata? topic;
        if ((name is null) == (id is null))
        {
            Reply(name, id ?? Guid.Empty, ErrorCode.InvalidRequest, "Exactly one of the topic name and the topic id must be given.");
            return;
        }

        if (id is { } topicId)
        {
            if (!_names.TryGetValue(topicId, out var found))
            {
                Reply(null, topicId, ErrorCode.UnknownTopicId, $"Topic id {topicId} does not exist");
                return;
            }

            topic = _topics[found];
        }
        else if (!TryFind(name!, out topic, out var error, out var message))
        {
            Reply(name, Guid.Empty, error, message);
            return;
        }

        if (!_settings.DeleteTopicEnable)
        {
            Reply(topic.Name, topic.TopicId, ErrorCode.TopicDeletionDisabled, "Topic deletion is disabled.");
            return;
        }

        var deletedTopic = topic;
        PersistAndPublish(
            new TopicEvents.TopicDeleted(topic.Name, topic.TopicId, NowMs),
            TopicChangeKind.Deleted,
            topic.Name,
            () => new TopicProtocol.DeleteTopicResult(deletedTopic.Name, deletedTopic.TopicId, ErrorCode.None, null));

        void Reply(string? n, Guid i, ErrorCode e, string? m) => Sender.Tell(new TopicProtocol.DeleteTopicResult(n, i, e, m));
    }

    private void HandleCompleteTopicDeletion(TopicProtocol.CompleteTopicDeletion complete)
    {
        if (!_pendingDeletions.TryGetValue(complete.TopicId, out var deleted))
        {
            Sender.Tell(new TopicProtocol.TopicDeletionCompleted(complete.TopicId));
            return;
        }

        var replyTo = Sender;
        Persist(new TopicEvents.TopicLogsDeleted(complete.TopicId), e =>
        {
            Apply(e);
            Publish(TopicChangeKind.LogsDeleted, deleted);
            replyTo.Tell(new TopicProtocol.TopicDeletionCompleted(complete.TopicId), Self);
            if (LastSequenceNr % _snapshotEvery == 0)
            {
                SaveSnapshot(TakeSnapshot());
            }
        });
    }

    private void HandleCreatePartitions(TopicProtocol.CreatePartitions request)
    {
        if (!TryFind(request.Name, out var topic, out var error, out var message))
        {
            Sender.Tell(new TopicProtocol.CreatePartitionsResult(request.Name, error, message));
            return;
        }

        if (request.NewTotal < topic.PartitionCount)
        {
            Sender.Tell(new TopicProtocol.CreatePartitionsResult(request.Name, ErrorCode.InvalidPartitions,
                $"Topic currently has {topic.PartitionCount} partitions, which is higher than the requested {request.NewTotal}."));
            return;
        }

        if (request.NewTotal == topic.PartitionCount)
        {
            Sender.Tell(new TopicProtocol.CreatePartitionsResult(request.Name, ErrorCode.InvalidPartitions,
                $"Topic already has {topic.PartitionCount} partitions."));
            return;
        }

        if (request.ValidateOnly)
        {
            Sender.Tell(new TopicProtocol.CreatePartitionsResult(request.Name, ErrorCode.None, null));
            return;
        }

        PersistAndPublish(
            new TopicEvents.PartitionsCreated(topic.Name, request.NewTotal),
            TopicChangeKind.PartitionsAdded,
            topic.Name,
            () => new TopicProtocol.CreatePartitionsResult(request.Name, ErrorCode.None, null));
    }

    private void HandleAlterConfigs(TopicProtocol.AlterConfigs request)
    {
        if (!TryFind(request.Name, out var topic, out var error, out var message)
            || !TryValidateConfigs(request.Configs, out var normalized, out error, out message))
        {
            Sender.Tell(new TopicProtocol.AlterConfigsResult(request.Name, error, message));
            return;
        }

        CommitConfigs(topic, normalized, request.ValidateOnly, request.Name);
    }

    private void HandleIncrementalAlterConfigs(TopicProtocol.IncrementalAlterConfigs request)
    {
        if (!TryFind(request.Name, out var topic, out var error, out var message)
            || !TryApplyAlterations(topic, request.Alterations, out var configs, out error, out message))
        {
            Sender.Tell(new TopicProtocol.AlterConfigsResult(request.Name, error, message));
            return;
        }

        CommitConfigs(topic, configs, request.ValidateOnly, request.Name);
    }

    private void CommitConfigs(TopicMetadata topic, Dictionary<string, string> configs, bool validateOnly, string name)
    {
        if (validateOnly)
        {
            Sender.Tell(new TopicProtocol.AlterConfigsResult(name, ErrorCode.None, null));
            return;
        }

        PersistAndPublish(
            new TopicEvents.TopicConfigsChanged(topic.Name, configs),
            TopicChangeKind.ConfigsChanged,
            topic.Name,
            () => new TopicProtocol.AlterConfigsResult(name, ErrorCode.None, null));
    }

    /// <summary>Kafka's incremental semantics: APPEND/SUBTRACT start from the current value (the default when unset).</summary>
    private bool TryApplyAlterations(
        TopicMetadata topic,
        IReadOnlyList<TopicProtocol.ConfigAlteration> alterations,
        out Dictionary<string, string> configs,
        out ErrorCode error,
        out string? message)
    {
        configs = new Dictionary<string, string>(topic.Configs, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alteration in alterations)
        {
            if (!seen.Add(alteration.Name))
            {
                error = ErrorCode.InvalidRequest;
                message = $"Error due to duplicate config keys: {alteration.Name}";
                return false;
            }

            if (!_definitions.TryGet(alteration.Name, out var definition))
            {
                error = ErrorCode.InvalidConfig;
                message = $"Unknown topic config name: {alteration.Name}";
                return false;
            }

            string? candidate;
            switch (alteration.Op)
            {
                case AlterConfigOp.Set:
                    candidate = alteration.Value;
                    if (candidate is null)
                    {
                        error = ErrorCode.InvalidRequest;
                        message = $"Null value not supported for : {alteration.Name}";
                        return false;
                    }

                    break;
                case AlterConfigOp.Delete:
                    configs.Remove(alteration.Name);
                    continue;
                case AlterConfigOp.Append:
                case AlterConfigOp.Subtract:
                    if (definition.Type != TopicConfigType.List)
                    {
                        error = ErrorCode.InvalidRequest;
                        message = $"Config value {(alteration.Op == AlterConfigOp.Append ? "append" : "subtract")} is not allowed for config key: {alteration.Name}";
                        return false;
                    }

                    var items = TopicConfigDefinitions.SplitList(configs.TryGetValue(alteration.Name, out var current) ? current : definition.Default);
                    foreach (var item in TopicConfigDefinitions.SplitList(alteration.Value ?? string.Empty))
                    {
                        if (alteration.Op == AlterConfigOp.Append)
                        {
                            if (!items.Contains(item))
                            {
                                items.Add(item);
                            }
                        }
                        else
                        {
                            items.Remove(item);
                        }
                    }

                    candidate = string.Join(",", items);
                    break;
                default:
                    error = ErrorCode.InvalidRequest;
                    message = $"Unknown config operation {(int)alteration.Op} for {alteration.Name}";
                    return false;
            }

            if (!_definitions.TryValidate(alteration.Name, candidate, out var normalized, out message))
            {
                error = ErrorCode.InvalidConfig;
                return false;
            }

            configs[alteration.Name] = normalized;
        }

        error = ErrorCode.None;
        message = null;
        return true;
    }

    private void HandleDescribeConfigs(TopicProtocol.DescribeConfigs request)
    {
        if (!TryFind(request.Name, out var topic, out var error, out var message))
        {
            Sender.Tell(new TopicProtocol.DescribeConfigsResult(request.Name, error, message, []));
            return;
        }

        var described = new List<TopicProtocol.DescribedConfig>();
        foreach (var definition in _definitions.All)
        {
            if (request.Keys is { } keys && !keys.Contains(definition.Name))
            {
                continue;
            }

            described.Add(Describe(topic, definition, request.IncludeSynonyms, request.IncludeDocumentation));
        }

        Sender.Tell(new TopicProtocol.DescribeConfigsResult(request.Name, ErrorCode.None, null, described));
    }

    private TopicProtocol.DescribedConfig Describe(TopicMetadata topic, TopicConfigDefinition definition, bool includeSynonyms, bool includeDocumentation)
    {
        var isSet = topic.Configs.TryGetValue(definition.Name, out var own);
        var defaultSource = _definitions.DefaultSource(definition);
        var source = isSet ? ConfigSource.DynamicTopicConfig : defaultSource;
        var value = isSet ? own : definition.Default;
        List<TopicProtocol.ConfigSynonym> synonyms = [];
        if (includeSynonyms)
        {
            if (isSet)
            {
                synonyms.Add(new TopicProtocol.ConfigSynonym(definition.Name, own, ConfigSource.DynamicTopicConfig));
            }

            // Kafka lists the broker keys that are set (STATIC_BROKER_CONFIG), highest precedence first,
            // then the built-in default of the lowest-precedence key (DEFAULT_CONFIG).
            foreach (var synonym in definition.BrokerSynonyms)
            {
                if (_settings.IsExplicit(synonym) && _settings.Get(synonym) is { } brokerValue)
                {
                    synonyms.Add(new TopicProtocol.ConfigSynonym(synonym, brokerValue, ConfigSource.StaticBrokerConfig));
                }
            }

            for (var i = definition.BrokerSynonyms.Count - 1; i >= 0; i--)
            {
                if (BrokerSettings.Default.Get(definition.BrokerSynonyms[i]) is { } builtIn)
                {
                    synonyms.Add(new TopicProtocol.ConfigSynonym(definition.BrokerSynonyms[i], builtIn, ConfigSource.DefaultConfig));
                    break;
                }
            }
        }

        return new TopicProtocol.DescribedConfig(
            definition.Name,
            definition.Sensitive ? null : value,
            definition.ReadOnly,
            !isSet,
            source,
            definition.Sensitive,
            definition.Type,
            synonyms,
            includeDocumentation ? definition.Documentation : null);
    }

    private void HandleGetTopics(TopicProtocol.GetTopics request)
    {
        var found = new List<TopicMetadata>();
        var errors = new List<TopicProtocol.TopicError>();
        if (request.Names is null)
        {
            found.AddRange(_topics.Values);
            found.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
        else
        {
            foreach (var name in request.Names)
            {
                if (TryFind(name, out var topic, out var error, out var message))
                {
                    found.Add(topic);
                }
                else
                {
                    errors.Add(new TopicProtocol.TopicError(name, error, message));
                }
            }
        }

        Sender.Tell(new TopicProtocol.GetTopicsResult(_version, found, errors));
    }

    private void HandleEnsureTopic(TopicProtocol.EnsureTopic request)
    {
        if (!TopicNames.TryValidate(request.Name, out var invalid))
        {
            Sender.Tell(new TopicProtocol.EnsureTopicResult(request.Name, ErrorCode.InvalidTopicException, invalid, null, false));
            return;
        }

        if (_topics.TryGetValue(request.Name, out var existing))
        {
            Sender.Tell(new TopicProtocol.EnsureTopicResult(request.Name, ErrorCode.None, null, existing, false));
            return;
        }

        if (!_settings.AutoCreateTopicsEnable)
        {
            Sender.Tell(new TopicProtocol.EnsureTopicResult(request.Name, ErrorCode.UnknownTopicOrPartition, $"Topic '{request.Name}' does not exist", null, false));
            return;
        }

        if (!TryPrepareCreate(request.Name, -1, -1, null, out var created, out var error, out var message))
        {
            Sender.Tell(new TopicProtocol.EnsureTopicResult(request.Name, error, message, null, false));
            return;
        }

        PersistAndPublish(created, TopicChangeKind.Created, created.Name, () => new TopicProtocol.EnsureTopicResult(created.Name, ErrorCode.None, null, _topics[created.Name], true));
    }
}
