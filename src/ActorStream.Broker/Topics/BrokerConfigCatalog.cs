namespace ActorStream.Broker.Topics;

/// <summary>
/// Describes the broker-level settings (<see cref="BrokerSettings"/>) for DescribeConfigs on a BROKER
/// resource: every key of <c>actorstream.broker</c> under its Kafka name, with its value, its source
/// (STATIC_BROKER_CONFIG when the node's configuration sets it, else DEFAULT_CONFIG), Kafka's config type
/// and a line of documentation for the keys Kafka defines. Every broker config is read-only: the node
/// takes no dynamic broker configs, values come from its configuration file. Keys named like passwords
/// are reported as sensitive, without their value. Immutable and thread-safe.
/// </summary>
public static class BrokerConfigCatalog
{
    private static readonly Dictionary<string, (TopicConfigType Type, string Documentation)> s_known = new(StringComparer.Ordinal)
    {
        ["num.partitions"] = (TopicConfigType.Int, "Partitions of a topic created without a partition count."),
        ["default.replication.factor"] = (TopicConfigType.Int, "Replication factor of a topic created without one."),
        ["auto.create.topics.enable"] = (TopicConfigType.Boolean, "Create a topic when a client asks for metadata of, or produces to, an unknown topic."),
        ["delete.topic.enable"] = (TopicConfigType.Boolean, "Allow DeleteTopics."),
        ["log.retention.ms"] = (TopicConfigType.Long, "How long a log is kept (ms); overrides log.retention.minutes and log.retention.hours; -1 = forever."),
        ["log.retention.minutes"] = (TopicConfigType.Int, "How long a log is kept (minutes) when log.retention.ms is not set."),
        ["log.retention.hours"] = (TopicConfigType.Int, "How long a log is kept (hours) when neither log.retention.ms nor log.retention.minutes is set."),
        ["log.retention.bytes"] = (TopicConfigType.Long, "Largest size of a partition log before its head is deleted; -1 = no limit."),
        ["log.segment.bytes"] = (TopicConfigType.Int, "Largest segment of a log."),
        ["log.roll.ms"] = (TopicConfigType.Long, "Roll a segment after this long (ms); overrides log.roll.hours."),
        ["log.roll.hours"] = (TopicConfigType.Int, "Roll a segment after this long (hours)."),
        ["log.roll.jitter.ms"] = (TopicConfigType.Long, "Random jitter subtracted from the roll time."),
        ["log.cleanup.policy"] = (TopicConfigType.List, "Default cleanup policy of topics: delete and/or compact."),
        ["message.max.bytes"] = (TopicConfigType.Int, "Largest record batch a producer may append (default of max.message.bytes)."),
        ["log.message.timestamp.type"] = (TopicConfigType.String, "CreateTime or LogAppendTime."),
        ["log.message.timestamp.before.max.ms"] = (TopicConfigType.Long, "Largest allowed age of a record's timestamp."),
        ["log.message.timestamp.after.max.ms"] = (TopicConfigType.Long, "Largest allowed distance of a record's timestamp into the future."),
        ["min.insync.replicas"] = (TopicConfigType.Int, "Replicas that must acknowledge an acks=all write."),
        ["compression.type"] = (TopicConfigType.String, "Codec of stored batches; producer keeps the producer's codec."),
        ["unclean.leader.election.enable"] = (TopicConfigType.Boolean, "Elect an out-of-sync replica as leader as a last resort."),
        ["log.cleaner.delete.retention.ms"] = (TopicConfigType.Long, "How long delete tombstones of a compacted topic are kept."),
        ["log.cleaner.min.compaction.lag.ms"] = (TopicConfigType.Long, "Shortest time a record stays uncompacted."),
        ["log.cleaner.max.compaction.lag.ms"] = (TopicConfigType.Long, "Longest time a record stays uncompacted."),
        ["log.cleaner.min.cleanable.ratio"] = (TopicConfigType.Double, "Dirty ratio that makes a log eligible for compaction."),
        ["log.segment.delete.delay.ms"] = (TopicConfigType.Long, "Delay before a deleted segment's storage is released."),
        ["log.index.interval.bytes"] = (TopicConfigType.Int, "Bytes between offset-index entries."),
        ["log.index.size.max.bytes"] = (TopicConfigType.Int, "Largest offset index."),
        ["log.flush.interval.messages"] = (TopicConfigType.Long, "Force a flush after this many records."),
        ["log.flush.interval.ms"] = (TopicConfigType.Long, "Force a flush after this long."),
        ["log.preallocate"] = (TopicConfigType.Boolean, "Preallocate segment files."),
        ["group.initial.rebalance.delay.ms"] = (TopicConfigType.Int, "Wait for more members before the first rebalance of an empty group."),
        ["group.min.session.timeout.ms"] = (TopicConfigType.Int, "Smallest session timeout a group member may ask for."),
        ["group.max.session.timeout.ms"] = (TopicConfigType.Int, "Largest session timeout a group member may ask for."),
        ["group.max.size"] = (TopicConfigType.Int, "Most members of one consumer group."),
        ["group.coordinator.new.member.join.timeout.ms"] = (TopicConfigType.Int, "How long a new member may take to rejoin after a rebalance starts."),
        ["offset.metadata.max.bytes"] = (TopicConfigType.Int, "Largest metadata string of a committed offset."),
        ["offsets.retention.minutes"] = (TopicConfigType.Int, "How long committed offsets of an empty group are kept."),
        ["offsets.retention.check.interval.ms"] = (TopicConfigType.Long, "How often expired offsets are looked for."),
    };

    /// <summary>
    /// The broker configs of <paramref name="settings"/> sorted by name; only <paramref name="keys"/> when
    /// given (unknown names are left out, as Kafka does).
    /// </summary>
    public static IReadOnlyList<TopicProtocol.DescribedConfig> Describe(
        BrokerSettings settings,
        IReadOnlyCollection<string>? keys = null,
        bool includeSynonyms = false,
        bool includeDocumentation = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = new List<string>(settings.Values.Count);
        foreach (var (name, _) in settings.Values)
        {
            if (keys is null || keys.Contains(name))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var described = new List<TopicProtocol.DescribedConfig>(names.Count);
        foreach (var name in names)
        {
            var value = settings.Get(name);
            var isExplicit = settings.IsExplicit(name);
            var sensitive = name.Contains("password", StringComparison.OrdinalIgnoreCase);
            var known = s_known.TryGetValue(name, out var entry);
            List<TopicProtocol.ConfigSynonym> synonyms = [];
            if (includeSynonyms)
            {
                if (isExplicit)
                {
                    synonyms.Add(new TopicProtocol.ConfigSynonym(name, sensitive ? null : value, ConfigSource.StaticBrokerConfig));
                }

                if (BrokerSettings.Default.Values.ContainsKey(name))
                {
                    synonyms.Add(new TopicProtocol.ConfigSynonym(name, sensitive ? null : BrokerSettings.Default.Get(name), ConfigSource.DefaultConfig));
                }
            }

            described.Add(new TopicProtocol.DescribedConfig(
                name,
                sensitive ? null : value,
                ReadOnly: true,
                IsDefault: !isExplicit,
                isExplicit ? ConfigSource.StaticBrokerConfig : ConfigSource.DefaultConfig,
                sensitive,
                known ? entry.Type : sensitive ? TopicConfigType.Password : TopicConfigType.Unknown,
                synonyms,
                includeDocumentation && known ? entry.Documentation : null));
        }

        return described;
    }
}
