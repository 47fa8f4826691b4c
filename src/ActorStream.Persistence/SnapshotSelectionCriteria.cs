namespace ActorStream.Persistence;

/// <summary>
/// Which snapshots a load or delete considers: a snapshot matches when
/// <c>MinSequenceNr &lt;= seq &lt;= MaxSequenceNr</c> and <c>MinTimestamp &lt;= timestamp &lt;= MaxTimestamp</c>
/// (all bounds inclusive, timestamps UTC). A load picks the matching snapshot with the highest sequence nr.
/// </summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    DateTime MaxTimestamp,
    long MinSequenceNr = 0,
    DateTime MinTimestamp = default)
{
    /// <summary>Any snapshot: the youngest one wins.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTime.MaxValue);

    /// <summary>No snapshot at all (recovery from events only).</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTime.MinValue, 0, DateTime.MinValue);

    /// <summary>Criteria with only an upper sequence nr bound.</summary>
    public SnapshotSelectionCriteria(long maxSequenceNr)
        : this(maxSequenceNr, DateTime.MaxValue)
    {
    }

    /// <summary>True when <paramref name="metadata"/> falls inside every bound.</summary>
    public bool IsMatch(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimestamp &&
        metadata.SequenceNr >= MinSequenceNr && metadata.Timestamp >= MinTimestamp;
}
