using System.Globalization;
using ActorStream.Broker.Groups;
using ActorStream.Configuration;

namespace ActorStream.Broker.Topics;

/// <summary>
/// Broker-level settings read from the HOCON section <c>actorstream.broker</c>, whose keys are Kafka's
/// broker configuration names quoted (<c>"num.partitions" = 1</c>); the embedded
/// <c>reference.conf</c> documents every key with its default. Keeps every value as Kafka would render
/// it (<see cref="Values"/>) so topic configs can fall back to their broker synonym, and remembers which
/// keys the node's own configuration set (<see cref="IsExplicit"/>: DescribeConfigs reports those as
/// STATIC_BROKER_CONFIG, the others as DEFAULT_CONFIG). Immutable and thread-safe.
/// </summary>
public sealed class BrokerSettings
{
    /// <summary>The HOCON path of the section.</summary>
    public const string ConfigPath = "actorstream.broker";

    private static readonly Lazy<Config> s_reference = new(() =>
        ConfigurationFactory.FromResource(typeof(BrokerSettings).Assembly, "ActorStream.Broker.reference.conf"));

    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _explicit;

    private BrokerSettings(Dictionary<string, string?> values, HashSet<string> explicitKeys)
    {
        _values = values;
        _explicit = explicitKeys;
        NumPartitions = Int("num.partitions");
        DefaultReplicationFactor = (short)Int("default.replication.factor");
        AutoCreateTopicsEnable = Bool("auto.create.topics.enable");
        DeleteTopicEnable = Bool("delete.topic.enable");
        LogRetentionMs = Long("log.retention.ms")
            ?? (Long("log.retention.minutes") is { } minutes ? minutes * 60_000
                : (Long("log.retention.hours") ?? 168) * 3_600_000);
        LogRollMs = Long("log.roll.ms") ?? (Long("log.roll.hours") ?? 168) * 3_600_000;
        Group = new GroupCoordinatorConfig
        {
            InitialRebalanceDelayMs = Int("group.initial.rebalance.delay.ms"),
            MinSessionTimeoutMs = Int("group.min.session.timeout.ms"),
            MaxSessionTimeoutMs = Int("group.max.session.timeout.ms"),
            MaxGroupSize = Int("group.max.size"),
            NewMemberJoinTimeoutMs = Int("group.coordinator.new.member.join.timeout.ms"),
            OffsetMetadataMaxBytes = Int("offset.metadata.max.bytes"),
            OffsetsRetentionMs = (Long("offsets.retention.minutes") ?? 10080) * 60_000,
            OffsetsRetentionCheckIntervalMs = Long("offsets.retention.check.interval.ms") ?? 600_000,
        };
    }

    /// <summary>The defaults of the embedded reference.conf.</summary>
    public static BrokerSettings Default { get; } = FromConfig(Config.Empty);

    /// <summary><c>num.partitions</c>: partitions of a topic created without a count.</summary>
    public int NumPartitions { get; }

    /// <summary><c>default.replication.factor</c>.</summary>
    public short DefaultReplicationFactor { get; }

    /// <summary><c>auto.create.topics.enable</c>.</summary>
    public bool AutoCreateTopicsEnable { get; }

    /// <summary><c>delete.topic.enable</c>.</summary>
    public bool DeleteTopicEnable { get; }

    /// <summary>Effective log retention in ms (log.retention.ms, else .minutes, else .hours); -1 = forever.</summary>
    public long LogRetentionMs { get; }

    /// <summary>Effective segment roll time in ms (log.roll.ms, else log.roll.hours).</summary>
    public long LogRollMs { get; }

    /// <summary>The consumer-group coordinator settings (group.*, offset.metadata.max.bytes, offsets.retention.*).</summary>
    public GroupCoordinatorConfig Group { get; }

    /// <summary>Every key of the section with its value as text (null when unset).</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>
    /// Reads <c>actorstream.broker</c> from <paramref name="config"/> with the embedded reference.conf as
    /// fallback. Keys the reference does not know are kept as they are.
    /// </summary>
    public static BrokerSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var own = config.HasPath(ConfigPath) ? config.GetConfig(ConfigPath) : Config.Empty;
        var reference = s_reference.Value.GetConfig(ConfigPath);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in reference.AsEnumerable())
        {
            values[key] = reference.GetString(Quote(key));
        }

        foreach (var (key, _) in own.AsEnumerable())
        {
            var path = Quote(key);
            if (own.HasPath(path))
            {
                values[key] = own.GetString(path);
                explicitKeys.Add(key);
            }
        }

        return new BrokerSettings(values, explicitKeys);
    }

    /// <summary>The value of broker key <paramref name="key"/> as text, or null.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>True when the node's own configuration sets <paramref name="key"/> (not only reference.conf).</summary>
    public bool IsExplicit(string key) => _explicit.Contains(key);

    private static string Quote(string key) => "\"" + key + "\"";

    private int Int(string key) =>
        int.Parse(Get(key) ?? throw new InvalidOperationException($"{ConfigPath}.\"{key}\" must be set"), CultureInfo.InvariantCulture);

    private long? Long(string key) => Get(key) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    private bool Bool(string key) => bool.Parse(Get(key) ?? "false");
}
