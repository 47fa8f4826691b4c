namespace ActorStream.Client;

/// <summary>
/// Errors raised by the client itself rather than returned by a broker (librdkafka calls these
/// "local" errors). A <see cref="KafkaError"/> with a local code also carries the nearest Kafka
/// <see cref="Kafka.Protocol.ErrorCode"/> so that code switching on broker codes keeps working.
/// </summary>
public enum LocalErrorCode
{
    /// <summary>Not a local error: the broker returned the code.</summary>
    None = 0,

    /// <summary>A connection could not be opened or was lost (code NETWORK_EXCEPTION).</summary>
    Transport,

    /// <summary>A request got no response within request.timeout.ms (code REQUEST_TIMED_OUT).</summary>
    TimedOut,

    /// <summary>A record was not acknowledged within delivery.timeout.ms (code REQUEST_TIMED_OUT).</summary>
    MessageTimedOut,

    /// <summary>buffer.memory stayed exhausted for max.block.ms.</summary>
    QueueFull,

    /// <summary>The key serializer threw.</summary>
    KeySerialization,

    /// <summary>The value serializer threw.</summary>
    ValueSerialization,

    /// <summary>A record is larger than max.request.size or buffer.memory (code MESSAGE_TOO_LARGE).</summary>
    MessageTooLarge,

    /// <summary>The topic did not appear in the metadata within max.block.ms (code UNKNOWN_TOPIC_OR_PARTITION).</summary>
    UnknownTopic,

    /// <summary>The requested partition does not exist (code UNKNOWN_TOPIC_OR_PARTITION).</summary>
    UnknownPartition,

    /// <summary>The client was disposed while the operation was pending.</summary>
    Destroyed,

    /// <summary>An argument of the call is invalid.</summary>
    InvalidArgument,

    /// <summary>The broker does not implement a version of an API the client needs (code UNSUPPORTED_VERSION).</summary>
    UnsupportedFeature,

    /// <summary>A broker sent bytes that are not a valid response.</summary>
    BadMessage,

    /// <summary>The idempotent producer lost track of its sequence numbers and cannot guarantee exactly-once delivery of the record.</summary>
    Fatal,

    /// <summary>The key deserializer threw.</summary>
    KeyDeserialization,

    /// <summary>The value deserializer threw.</summary>
    ValueDeserialization,

    /// <summary>A partition has no committed offset and auto.offset.reset is none (code OFFSET_OUT_OF_RANGE).</summary>
    NoOffset,

    /// <summary>The application did not call Consume within max.poll.interval.ms, so the consumer left its group.</summary>
    MaxPollExceeded,

    /// <summary>The call is not valid in the consumer's current state (e.g. committing without a group.id).</summary>
    State,
}
