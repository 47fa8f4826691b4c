using System.Collections.Frozen;

namespace ActorStream.Client.Configuration;

/// <summary>
/// The properties a consumer accepts: the common ones of <see cref="ConfigDefinitions.Common"/> plus the
/// Java consumer's, with the Java defaults (enable.partition.eof comes from librdkafka). Immutable and thread-safe.
/// </summary>
internal static class ConsumerConfigDefinitions
{
    /// <summary>The default of partition.assignment.strategy, as in the Java client (eager range until every member supports cooperative-sticky).</summary>
    public const string DefaultAssignmentStrategy = "range,cooperative-sticky";

    /// <summary>Consumer properties (besides <see cref="ConfigDefinitions.Common"/>).</summary>
    public static readonly ConfigKey[] ConsumerOnly =
    [
        ConfigKey.Str("group.id", null),
        ConfigKey.Str("group.instance.id", null),
        ConfigKey.Enum("auto.offset.reset", "latest", "latest", "earliest", "none"),
        ConfigKey.Bool("enable.auto.commit", true),
        ConfigKey.Int("auto.commit.interval.ms", 5_000),
        ConfigKey.Int("max.poll.records", 500, min: 1),
        ConfigKey.Int("session.timeout.ms", 45_000, min: 1),
        ConfigKey.Int("heartbeat.interval.ms", 3_000, min: 1),
        ConfigKey.Int("max.poll.interval.ms", 300_000, min: 1),
        ConfigKey.Str("partition.assignment.strategy", DefaultAssignmentStrategy),
        ConfigKey.Int("fetch.min.bytes", 1),
        ConfigKey.Int("fetch.max.bytes", 52_428_800),
        ConfigKey.Int("max.partition.fetch.bytes", 1_048_576, min: 1),
        ConfigKey.Int("fetch.max.wait.ms", 500),
        ConfigKey.Enum("isolation.level", "read_uncommitted", "read_uncommitted", "read_committed"),
        ConfigKey.Bool("enable.partition.eof", false),
        ConfigKey.Bool("check.crcs", true),
        ConfigKey.Bool("allow.auto.create.topics", true),
        ConfigKey.Int("default.api.timeout.ms", 60_000, min: 1),
        ConfigKey.Str("client.rack", string.Empty),
    ];

    public static readonly FrozenDictionary<string, ConfigKey> Consumer = Build();

    private static FrozenDictionary<string, ConfigKey> Build()
    {
        var all = new Dictionary<string, ConfigKey>(StringComparer.Ordinal);
        foreach (var key in ConfigDefinitions.Common)
        {
            all[key.Name] = key;
        }

        foreach (var key in ConsumerOnly)
        {
            all[key.Name] = key;
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
