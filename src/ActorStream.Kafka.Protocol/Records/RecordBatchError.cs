namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Outcome of <see cref="RecordBatch.Validate"/>. A broker answers
/// <see cref="ErrorCode.CorruptMessage"/> for <see cref="CrcMismatch"/> and
/// <see cref="ErrorCode.InvalidRecord"/> for the others.
/// </summary>
public enum RecordBatchError
{
    /// <summary>The batch is valid.</summary>
    None = 0,

    /// <summary>Magic is not 2 (legacy message sets are not accepted).</summary>
    UnsupportedMagic,

    /// <summary>The stored CRC-32C does not match the bytes from attributes to the end.</summary>
    CrcMismatch,

    /// <summary>Record count is negative, or lastOffsetDelta is negative or not below the count's reach.</summary>
    InvalidRecordCount,

    /// <summary>The compression codec bits hold a value Kafka does not define (5-7).</summary>
    UnknownCompression,
}
