namespace ActorStream.Kafka.Protocol.Records;

/// <summary>Compression codec in bits 0-2 of a RecordBatch's attributes.</summary>
public enum CompressionCodec
{
    None = 0,
    Gzip = 1,
    Snappy = 2,
    Lz4 = 3,
    Zstd = 4,
}
