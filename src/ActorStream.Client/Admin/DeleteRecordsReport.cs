namespace ActorStream.Client.Admin;

/// <summary>The outcome of deleting records from one partition. Immutable.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The new low watermark (-1 on error).</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record DeleteRecordsReport(string Topic, Partition Partition, Offset Offset, KafkaError Error);
