namespace ActorStream.Client.Consuming;

/// <summary>
/// What the consumer knows about one assigned partition: its position (the next offset Consume
/// returns), the next offset to fetch (ahead of the position by the data buffered), how it will get a
/// position when it has none, and the fetched data waiting to be consumed.
/// <para>
/// <see cref="Epoch"/> increases whenever the position jumps (seek, reset, pause, re-assignment):
/// fetch responses and buffered data stamped with an older epoch are dropped, so nothing from before
/// the jump is ever returned.
/// </para>
/// Every field is guarded by the owning <see cref="ConsumerCore.Lock"/>.
/// </summary>
internal sealed class PartitionState
{
    public PartitionState(TopicPartition topicPartition)
    {
        TopicPartition = topicPartition;
        Topic = topicPartition.Topic;
        Partition = topicPartition.Partition.Value;
    }

    public TopicPartition TopicPartition { get; }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>The next offset Consume returns (exclusive end of what was consumed); -1 when unknown.</summary>
    public long Position { get; set; } = -1;

    /// <summary>The leader epoch of the last consumed record, -1 when unknown (sent with commits).</summary>
    public int PositionLeaderEpoch { get; set; } = -1;

    /// <summary>The next offset to fetch; ≥ <see cref="Position"/> by what is buffered; -1 when unknown.</summary>
    public long FetchOffset { get; set; } = -1;

    /// <summary>Bumped on every jump of the position; see the type summary.</summary>
    public int Epoch { get; set; }

    /// <summary>How the partition will get a position, or <see cref="OffsetReset.None"/>.</summary>
    public OffsetReset Reset { get; set; } = OffsetReset.Committed;

    /// <summary>An OffsetFetch or ListOffsets for this partition is in flight.</summary>
    public bool Resolving { get; set; }

    /// <summary>A Fetch including this partition is in flight.</summary>
    public bool FetchInFlight { get; set; }

    /// <summary>Fetched data not yet consumed, oldest first (at most <see cref="Fetcher.MaxBufferedFetches"/>).</summary>
    public Queue<CompletedFetch> Buffered { get; } = new();

    /// <summary>The fetch the consumer was reading when it moved on to another partition (max.poll.records), read again first.</summary>
    public CompletedFetch? Current { get; set; }

    /// <summary>True while the partition sits in the ready queue of partitions with data.</summary>
    public bool Ready { get; set; }

    /// <summary>Paused by the application: neither fetched nor returned.</summary>
    public bool Paused { get; set; }

    /// <summary>Held back while the assigned handler runs, so offsets it returns or seeks to take effect before any fetch.</summary>
    public bool AwaitingHandler { get; set; }

    /// <summary>Removed from the assignment: late responses for it are dropped.</summary>
    public bool Removed { get; set; }

    /// <summary>An error Consume reports; the partition is not fetched until the application seeks.</summary>
    public KafkaError? Failure { get; set; }

    /// <summary>True once <see cref="Failure"/> was thrown from Consume.</summary>
    public bool FailureReported { get; set; }

    /// <summary>TimeProvider timestamp before which the partition is not fetched again (after a partition error).</summary>
    public long RetryAt { get; set; }

    /// <summary>The high watermark from the last fetch, -1 when unknown.</summary>
    public long HighWatermark { get; set; } = -1;

    /// <summary>The log start offset from the last fetch, -1 when unknown.</summary>
    public long LogStartOffset { get; set; } = -1;

    /// <summary>An end-of-partition result was queued since the last record (enable.partition.eof).</summary>
    public bool EofQueued { get; set; }

    /// <summary>True when the partition can be fetched now (the caller also checks the broker).</summary>
    public bool IsFetchable(long now) =>
        !Removed && !Paused && !AwaitingHandler && Failure is null && Reset == OffsetReset.None && FetchOffset >= 0
        && !FetchInFlight && Buffered.Count < Fetcher.MaxBufferedFetches && now >= RetryAt;

    /// <summary>Moves the position to <paramref name="offset"/> (or to a reset) and forgets everything fetched before.</summary>
    public void Jump(long offset, OffsetReset reset)
    {
        Epoch++;
        Position = offset;
        FetchOffset = offset;
        PositionLeaderEpoch = -1;
        Reset = reset;
        Resolving = false;
        Failure = null;
        FailureReported = false;
        EofQueued = false;
        RetryAt = 0;
        Buffered.Clear();
        Current = null;
    }

    public override string ToString() => TopicPartition.ToString();
}
