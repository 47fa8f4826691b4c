namespace ActorStream.Broker.Groups;

/// <summary>
/// A committed offset as the coordinator stores it (Kafka's OffsetAndMetadata).
/// </summary>
/// <param name="Topic">Topic name.</param>
/// <param name="Partition">Partition index.</param>
/// <param name="Offset">The next offset the group will consume (Kafka convention: last processed + 1).</param>
/// <param name="LeaderEpoch">Leader epoch of the last consumed record, or -1 when unknown.</param>
/// <param name="Metadata">Client metadata string (may be null).</param>
/// <param name="CommitTimestampMs">When the commit happened (epoch ms).</param>
/// <param name="ExpireTimestampMs">
/// Explicit expiry (OffsetCommit v2–v4 retention_time_ms), or null to follow offsets.retention.minutes.
/// </param>
public sealed record CommittedOffset(
    string Topic,
    int Partition,
    long Offset,
    int LeaderEpoch,
    string? Metadata,
    long CommitTimestampMs,
    long? ExpireTimestampMs);
