using ActorStream.Configuration;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// Settings of one partition log. The first four use Kafka's topic-level names (HOCON keys in
/// brackets) so DescribeConfigs/AlterConfigs map one to one; the rest are broker-level knobs.
/// Immutable; change a running partition with <see cref="PartitionProtocol.UpdateConfig"/>.
/// </summary>
public sealed record PartitionConfig
{
    /// <summary>The defaults (Kafka's topic defaults; retention 7 days, unlimited size).</summary>
    public static PartitionConfig Default { get; } = new();

    /// <summary>[<c>max.message.bytes</c>] Largest accepted record batch, in bytes (Kafka: 1048588).</summary>
    public int MaxMessageBytes { get; init; } = 1048588;

    /// <summary>[<c>retention.ms</c>] Batches whose max timestamp is older than this are deleted; negative = keep forever.</summary>
    public long RetentionMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>[<c>retention.bytes</c>] Whole head batches are deleted while the log stays at least this large without them (Kafka's rule); negative = no limit.</summary>
    public long RetentionBytes { get; init; } = -1;

    /// <summary>[<c>message.timestamp.type</c>] CreateTime or LogAppendTime.</summary>
    public MessageTimestampType TimestampType { get; init; } = MessageTimestampType.CreateTime;

    /// <summary>[<c>tail-cache-bytes</c>] Budget of the in-memory tail cache that serves recent fetches.</summary>
    public long TailCacheBytes { get; init; } = 64L << 20;

    /// <summary>[<c>snapshot-every-batches</c>] A snapshot is saved after this many new batches; 0 disables the count trigger.</summary>
    public int SnapshotEveryBatches { get; init; } = 10_000;

    /// <summary>[<c>snapshot-every-bytes</c>] A snapshot is saved after this many new bytes; 0 disables the size trigger.</summary>
    public long SnapshotEveryBytes { get; init; } = 256L << 20;

    /// <summary>[<c>retention-check-interval</c>] How often retention runs (Kafka's log.retention.check.interval.ms).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>[<c>leader-epoch</c>] The leader epoch written into every appended batch.</summary>
    public int LeaderEpoch { get; init; }

    /// <summary>
    /// Reads a HOCON section with the keys named in brackets on each property; missing keys keep
    /// <paramref name="fallback"/>'s values (or the defaults).
    /// </summary>
    public static PartitionConfig FromConfig(Config config, PartitionConfig? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = fallback ?? Default;
        var type = config.GetString("\"message.timestamp.type\"", null);
        return d with
        {
            MaxMessageBytes = config.GetInt("\"max.message.bytes\"", d.MaxMessageBytes),
            RetentionMs = config.GetLong("\"retention.ms\"", d.RetentionMs),
            RetentionBytes = config.GetLong("\"retention.bytes\"", d.RetentionBytes),
            TimestampType = type is null ? d.TimestampType
                : string.Equals(type, "LogAppendTime", StringComparison.OrdinalIgnoreCase) ? MessageTimestampType.LogAppendTime
                : string.Equals(type, "CreateTime", StringComparison.OrdinalIgnoreCase) ? MessageTimestampType.CreateTime
                : throw new ArgumentException($"Unknown message.timestamp.type '{type}' (expected CreateTime or LogAppendTime).", nameof(config)),
            TailCacheBytes = config.GetByteSize("tail-cache-bytes", d.TailCacheBytes) ?? d.TailCacheBytes,
            SnapshotEveryBatches = config.GetInt("snapshot-every-batches", d.SnapshotEveryBatches),
            SnapshotEveryBytes = config.GetByteSize("snapshot-every-bytes", d.SnapshotEveryBytes) ?? d.SnapshotEveryBytes,
            RetentionCheckInterval = config.GetTimeSpan("retention-check-interval", d.RetentionCheckInterval, allowInfinite: false),
            LeaderEpoch = config.GetInt("leader-epoch", d.LeaderEpoch),
        };
    }
}
