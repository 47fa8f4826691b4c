namespace ActorStream.Broker.Groups;

/// <summary>
/// Settings of the classic group coordinator, named after Kafka's broker configuration keys and with
/// Kafka's defaults. Immutable.
/// </summary>
public sealed record GroupCoordinatorConfig
{
    /// <summary>The defaults Kafka ships with.</summary>
    public static GroupCoordinatorConfig Default { get; } = new();

    /// <summary>
    /// <c>group.initial.rebalance.delay.ms</c> (default 3000): how long the first rebalance of an empty
    /// group waits for more members, extended by the same delay each time a member joins, up to the
    /// rebalance timeout. 0 completes the first rebalance as soon as the first member joins.
    /// </summary>
    public int InitialRebalanceDelayMs { get; init; } = 3000;

    /// <summary><c>group.min.session.timeout.ms</c> (default 6000). Smaller session timeouts get INVALID_SESSION_TIMEOUT.</summary>
    public int MinSessionTimeoutMs { get; init; } = 6000;

    /// <summary><c>group.max.session.timeout.ms</c> (default 1800000). Larger session timeouts get INVALID_SESSION_TIMEOUT.</summary>
    public int MaxSessionTimeoutMs { get; init; } = 1_800_000;

    /// <summary><c>group.max.size</c> (default unlimited). Joiners beyond it get GROUP_MAX_SIZE_REACHED.</summary>
    public int MaxGroupSize { get; init; } = int.MaxValue;

    /// <summary>
    /// How long a new member's JoinGroup may stay parked before the member is dropped (Kafka's
    /// <c>group.coordinator.new.member.join.timeout.ms</c>, 300000): a new member has no member id yet,
    /// so it cannot heartbeat while it waits.
    /// </summary>
    public int NewMemberJoinTimeoutMs { get; init; } = 300_000;

    /// <summary><c>offset.metadata.max.bytes</c> (default 4096): longer commit metadata gets OFFSET_METADATA_TOO_LARGE.</summary>
    public int OffsetMetadataMaxBytes { get; init; } = 4096;

    /// <summary><c>offsets.retention.minutes</c> (default 7 days), in milliseconds.</summary>
    public long OffsetsRetentionMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>
    /// <c>offsets.retention.check.interval.ms</c> (default 600000): how often the owner of the state
    /// machine should send <see cref="GroupProtocol.ExpireOffsets"/>.
    /// </summary>
    public long OffsetsRetentionCheckIntervalMs { get; init; } = 600_000;
}
