namespace ActorStream.Persistence;

/// <summary>A snapshot loaded from a snapshot store, with its metadata.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
