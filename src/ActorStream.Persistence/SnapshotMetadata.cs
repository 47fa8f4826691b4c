namespace ActorStream.Persistence;

/// <summary>Identifies one snapshot: its persistence id, the sequence nr it covers and when it was taken (UTC).</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTime Timestamp)
{
    /// <summary>Metadata without a timestamp (<see cref="DateTime.MinValue"/>), as used for deletes by sequence nr.</summary>
    public SnapshotMetadata(string persistenceId, long sequenceNr)
        : this(persistenceId, sequenceNr, DateTime.MinValue)
    {
    }
}
