namespace ActorStream.Persistence;

/// <summary>Offered to ReceiveRecover before replay when a snapshot was found.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Sent to ReceiveRecover once every event was replayed; commands flow after it.</summary>
public sealed class RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted()
    {
    }

    public override string ToString() => "RecoveryCompleted";
}

/// <summary>Reply of SaveSnapshot when the snapshot was stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Reply of SaveSnapshot when storing failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Reply of DeleteSnapshot when the snapshot was deleted.</summary>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Reply of DeleteSnapshot when deleting failed.</summary>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Reply of DeleteSnapshots when the matching snapshots were deleted.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Reply of DeleteSnapshots when deleting failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);

/// <summary>Reply of DeleteMessages when the events up to <see cref="ToSequenceNr"/> were deleted.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Reply of DeleteMessages when deleting failed.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
