using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorStream.Broker.Topics;

/// <summary>
/// The catalog of topic-level configs (Kafka's LogConfig): every key a topic accepts, with its type,
/// its default on this broker (from the broker synonym in <see cref="BrokerSettings"/>), its valid
/// values and flags. Validates and normalizes values for CreateTopics and AlterConfigs. Immutable and
/// thread-safe.
/// </summary>
public sealed class TopicConfigDefinitions
{
    private const string LongMax = "9223372036854775807";

    private static readonly string[] s_cleanupPolicies = ["delete", "compact"];
    private static readonly string[] s_timestampTypes = ["CreateTime", "LogAppendTime"];
    private static readonly string[] s_compressionTypes = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"];

    private readonly Dictionary<string, TopicConfigDefinition> _byName;
    private readonly BrokerSettings _broker;

    /// <summary>Builds the catalog with defaults from <paramref name="broker"/>.</summary>
    public TopicConfigDefinitions(BrokerSettings broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        string B(string key, string fallback) => broker.Get(key) ?? fallback;
        TopicConfigDefinition[] all =
        [
            new("cleanup.policy", TopicConfigType.List, ["log.cleanup.policy"], B("log.cleanup.policy", "delete"), null, null, s_cleanupPolicies, false, false,
                "delete: drop old segments by retention; compact: keep the latest value per key."),
            new("compression.type", TopicConfigType.String, ["compression.type"], B("compression.type", "producer"), null, null, s_compressionTypes, false, false,
                "Codec of stored batches; producer keeps the producer's codec."),
            new("delete.retention.ms", TopicConfigType.Long, ["log.cleaner.delete.retention.ms"], B("log.cleaner.delete.retention.ms", "86400000"), 0, null, null, false, false,
                "How long delete tombstones of a compacted topic are kept."),
            new("file.delete.delay.ms", TopicConfigType.Long, ["log.segment.delete.delay.ms"], B("log.segment.delete.delay.ms", "60000"), 0, null, null, false, false,
                "Delay before a deleted segment's storage is released."),
            new("flush.messages", TopicConfigType.Long, ["log.flush.interval.messages"], B("log.flush.interval.messages", LongMax), 1, null, null, false, false,
                "Force a flush after this many records."),
            new("flush.ms", TopicConfigType.Long, ["log.flush.interval.ms"], B("log.flush.interval.ms", LongMax), 0, null, null, false, false,
                "Force a flush after this long."),
            new("index.interval.bytes", TopicConfigType.Int, ["log.index.interval.bytes"], B("log.index.interval.bytes", "4096"), 0, null, null, false, false,
                "Bytes between offset-index entries."),
            new("max.compaction.lag.ms", TopicConfigType.Long, ["log.cleaner.max.compaction.lag.ms"], B("log.cleaner.max.compaction.lag.ms", LongMax), 1, null, null, false, false,
                "Longest time a record stays uncompacted."),
            new("max.message.bytes", TopicConfigType.Int, ["message.max.bytes"], B("message.max.bytes", "1048588"), 0, null, null, false, false,
                "Largest record batch a producer may append."),
            new("message.timestamp.type", TopicConfigType.String, ["log.message.timestamp.type"], B("log.message.timestamp.type", "CreateTime"), null, null, s_timestampTypes, false, false,
                "CreateTime keeps the producer's timestamp; LogAppendTime stamps the broker's."),
            new("message.timestamp.before.max.ms", TopicConfigType.Long, ["log.message.timestamp.before.max.ms"], B("log.message.timestamp.before.max.ms", LongMax), 0, null, null, false, false,
                "Largest allowed age of a record's timestamp (CreateTime)."),
            new("message.timestamp.after.max.ms", TopicConfigType.Long, ["log.message.timestamp.after.max.ms"], B("log.message.timestamp.after.max.ms", LongMax), 0, null, null, false, false,
                "Largest allowed distance of a record's timestamp into the future (CreateTime)."),
            new("min.cleanable.dirty.ratio", TopicConfigType.Double, ["log.cleaner.min.cleanable.ratio"], B("log.cleaner.min.cleanable.ratio", "0.5"), 0, 1, null, false, false,
                "Dirty ratio that makes the log eligible for compaction."),
            new("min.compaction.lag.ms", TopicConfigType.Long, ["log.cleaner.min.compaction.lag.ms"], B("log.cleaner.min.compaction.lag.ms", "0"), 0, null, null, false, false,
                "Shortest time a record stays uncompacted."),
            new("min.insync.replicas", TopicConfigType.Int, ["min.insync.replicas"], B("min.insync.replicas", "1"), 1, null, null, false, false,
                "Replicas that must acknowledge an acks=all write."),
            new("preallocate", TopicConfigType.Boolean, ["log.preallocate"], B("log.preallocate", "false"), null, null, null, false, false,
                "Preallocate segment files."),
            new("retention.bytes", TopicConfigType.Long, ["log.retention.bytes"], B("log.retention.bytes", "-1"), null, null, null, false, false,
                "Bytes kept per partition before deleting from the head; -1 = no limit."),
            new("retention.ms", TopicConfigType.Long, ["log.retention.ms", "log.retention.minutes", "log.retention.hours"], broker.LogRetentionMs.ToString(CultureInfo.InvariantCulture), -1, null, null, false, false,
                "How long a batch is kept; -1 = forever."),
            new("segment.bytes", TopicConfigType.Int, ["log.segment.bytes"], B("log.segment.bytes", "1073741824"), 14, null, null, false, false,
                "Largest segment."),
            new("segment.index.bytes", TopicConfigType.Int, ["log.index.size.max.bytes"], B("log.index.size.max.bytes", "10485760"), 4, null, null, false, false,
                "Largest offset index."),
            new("segment.jitter.ms", TopicConfigType.Long, ["log.roll.jitter.ms"], B("log.roll.jitter.ms", "0"), 0, null, null, false, false,
                "Random jitter subtracted from the roll time."),
            new("segment.ms", TopicConfigType.Long, ["log.roll.ms", "log.roll.hours"], broker.LogRollMs.ToString(CultureInfo.InvariantCulture), 1, null, null, false, false,
                "Roll a segment after this long."),
            new("unclean.leader.election.enable", TopicConfigType.Boolean, ["unclean.leader.election.enable"], B("unclean.leader.election.enable", "false"), null, null, null, false, false,
                "Elect an out-of-sync replica as leader as a last resort."),
            new("remote.storage.enable", TopicConfigType.Boolean, [], "false", null, null, null, true, false,
                "Tiered storage; not supported, so read-only."),
        ];
        Array.Sort(all, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        _byName = new Dictionary<string, TopicConfigDefinition>(all.Length, StringComparer.Ordinal);
        foreach (var definition in all)
        {
            _byName.Add(definition.Name, definition);
        }

        All = all;
    }

    /// <summary>Every definition, sorted by name.</summary>
    public IReadOnlyList<TopicConfigDefinition> All { get; }

    /// <summary>The broker settings the defaults come from.</summary>
    public BrokerSettings Broker => _broker;

    /// <summary>The definition of <paramref name="name"/>.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out TopicConfigDefinition? definition) =>
        _byName.TryGetValue(name, out definition);

    /// <summary>Where the default of <paramref name="definition"/> comes from: STATIC_BROKER_CONFIG when the node sets its synonym.</summary>
    public ConfigSource DefaultSource(TopicConfigDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var synonym in definition.BrokerSynonyms)
        {
            if (_broker.IsExplicit(synonym))
            {
                return ConfigSource.StaticBrokerConfig;
            }
        }

        return ConfigSource.DefaultConfig;
    }

    /// <summary>
    /// Checks <paramref name="value"/> for config <paramref name="name"/>; on success gives the normalized
    /// text to store, otherwise an INVALID_CONFIG message naming the key.
    /// </summary>
    public bool TryValidate(string name, string value, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        normalized = null;
        if (!_byName.TryGetValue(name, out var definition))
        {
            error = $"Unknown topic config name: {name}";
            return false;
        }

        if (definition.ReadOnly)
        {
            error = $"Config {name} is read-only";
            return false;
        }

        var text = value.Trim();
        switch (definition.Type)
        {
            case TopicConfigType.Boolean:
                if (!bool.TryParse(text, out var flag))
                {
                    error = $"Invalid value {value} for configuration {name}: Expected value to be either true or false";
                    return false;
                }

                normalized = flag ? "true" : "false";
                break;
            case TopicConfigType.Int:
            case TopicConfigType.Long:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || (definition.Type == TopicConfigType.Int && number is < int.MinValue or > int.MaxValue))
                {
                    error = $"Invalid value {value} for configuration {name}: Not a number of type {definition.Type.ToString().ToUpperInvariant()}";
                    return false;
                }

                if (!InRange(definition, number, out error))
                {
                    return false;
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                break;
            case TopicConfigType.Double:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || !double.IsFinite(real))
                {
                    error = $"Invalid value {value} for configuration {name}: Not a number of type DOUBLE";
                    return false;
                }

                if (!InRange(definition, real, out error))
                {
                    return false;
                }

                normalized = real.ToString("R", CultureInfo.InvariantCulture);
                break;
            case TopicConfigType.List:
                var items = SplitList(text);
                if (items.Count == 0)
                {
                    error = $"Invalid value {value} for configuration {name}: Empty list";
                    return false;
                }

                foreach (var item in items)
                {
                    if (!IsValidValue(definition, item))
                    {
                        error = $"Invalid value {item} for configuration {name}: String must be one of: {string.Join(", ", definition.ValidValues!)}";
                        return false;
                    }
                }

                normalized = string.Join(",", items);
                break;
            default:
                if (!IsValidValue(definition, text))
                {
                    error = $"Invalid value {value} for configuration {name}: String must be one of: {string.Join(", ", definition.ValidValues!)}";
                    return false;
                }

                normalized = text;
                break;
        }

        error = null;
        return true;
    }

    /// <summary>The items of a list value, trimmed, without empties and duplicates, in order.</summary>
    public static List<string> SplitList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var items = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!items.Contains(part))
            {
                items.Add(part);
            }
        }

        return items;
    }

    private static bool IsValidValue(TopicConfigDefinition definition, string value)
    {
        if (definition.ValidValues is null)
        {
            return true;
        }

        foreach (var valid in definition.ValidValues)
        {
            if (string.Equals(valid, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(TopicConfigDefinition definition, double value, [NotNullWhen(false)] out string? error)
    {
        if (definition.Minimum is { } min && value < min)
        {
            error = $"Invalid value {value.ToString(CultureInfo.InvariantCulture)} for configuration {definition.Name}: Value must be at least {min.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        if (definition.Maximum is { } max && value > max)
        {
            error = $"Invalid value {value.ToString(CultureInfo.InvariantCulture)} for configuration {definition.Name}: Value must be no more than {max.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        error = null;
        return true;
    }
}
