namespace ActorStream.Client.Admin;

/// <summary>A partition after deleting records: its new log start offset (low watermark). Immutable.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The new low watermark.</param>
public sealed record DeleteRecordsResult(string Topic, Partition Partition, Offset Offset);
