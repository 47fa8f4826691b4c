namespace ActorStream.Kafka.Protocol.Records;

/// <summary>Timestamp type in bit 3 of a RecordBatch's attributes.</summary>
public enum TimestampType
{
    /// <summary>Record timestamps were set by the producer.</summary>
    CreateTime = 0,

    /// <summary>The broker set the batch's maxTimestamp at append time; it applies to every record.</summary>
    LogAppendTime = 1,
}
