using System.Globalization;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Topics;

namespace ActorStream.Kafka.Handlers;

/// <summary>Derives a partition leader's <see cref="PartitionConfig"/> from its topic's effective configs.</summary>
public static class PartitionConfigs
{
    /// <summary>
    /// The config of a partition of <paramref name="topic"/> (defaults when null): max.message.bytes,
    /// retention.ms, retention.bytes and message.timestamp.type from the effective topic configs.
    /// </summary>
    public static PartitionConfig FromTopic(TopicMetadata? topic, PartitionConfig? fallback = null)
    {
        var config = fallback ?? PartitionConfig.Default;
        if (topic is null)
        {
            return config;
        }

        if (Long(topic, "max.message.bytes") is { } maxMessageBytes)
        {
            config = config with { MaxMessageBytes = (int)Math.Clamp(maxMessageBytes, 0, int.MaxValue) };
        }

        if (Long(topic, "retention.ms") is { } retentionMs)
        {
            config = config with { RetentionMs = retentionMs };
        }

        if (Long(topic, "retention.bytes") is { } retentionBytes)
        {
            config = config with { RetentionBytes = retentionBytes };
        }

        var type = topic.GetConfig("message.timestamp.type");
        if (string.Equals(type, "LogAppendTime", StringComparison.OrdinalIgnoreCase))
        {
            config = config with { TimestampType = MessageTimestampType.LogAppendTime };
        }
        else if (string.Equals(type, "CreateTime", StringComparison.OrdinalIgnoreCase))
        {
            config = config with { TimestampType = MessageTimestampType.CreateTime };
        }

        return config;
    }

    private static long? Long(TopicMetadata topic, string key) =>
        long.TryParse(topic.GetConfig(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
