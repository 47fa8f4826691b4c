namespace ActorStream.Client;

/// <summary>What a record's timestamp means.</summary>
public enum TimestampType
{
    /// <summary>No timestamp is available.</summary>
    NotAvailable = 0,

    /// <summary>The producer set the timestamp (or the producer's clock at send time).</summary>
    CreateTime = 1,

    /// <summary>The broker set the timestamp when it appended the record (topic message.timestamp.type=LogAppendTime).</summary>
    LogAppendTime = 2,
}
