namespace ActorStream.Broker.Partitions;

/// <summary>Kafka's <c>message.timestamp.type</c>: keep the producer's timestamps or stamp the broker's append time.</summary>
public enum MessageTimestampType
{
    /// <summary>Records keep the timestamps the producer set.</summary>
    CreateTime,

    /// <summary>The leader stamps every batch with its append time (batch attribute bit 3, maxTimestamp).</summary>
    LogAppendTime,
}
