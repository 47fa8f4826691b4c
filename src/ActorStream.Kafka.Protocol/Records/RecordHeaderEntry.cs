namespace ActorStream.Kafka.Protocol.Records;

/// <summary>A record header to encode with <see cref="RecordBatchBuilder"/>.</summary>
/// <param name="Key">Header key (UTF-8 on the wire, never null).</param>
/// <param name="Value">Header value; null is legal and written as length -1.</param>
public readonly record struct RecordHeaderEntry(string Key, ReadOnlyMemory<byte>? Value);
