namespace ActorStream.Persistence;

/// <summary>
/// How a persistent actor recovers: from which snapshot (criteria), up to which sequence nr, and at
/// most how many events. <see cref="None"/> skips recovery entirely.
/// </summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>Latest snapshot, then every event after it.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No snapshot and no replay: the actor keeps no state from before, but continues after the highest stored sequence nr.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0, 0);
}
