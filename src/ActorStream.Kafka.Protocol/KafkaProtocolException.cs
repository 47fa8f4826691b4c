namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Thrown by the codecs when input bytes do not form a valid Kafka frame: truncated data, a
/// negative or oversized length, a null where the version forbids it, an over-long varint, or
/// an API version the codec does not implement. It is a connection-level error: the listener
/// logs it and closes the connection. Codecs never let another exception type escape for bad
/// input (no IndexOutOfRange, no ArgumentOutOfRange).
/// </summary>
public sealed class KafkaProtocolException : Exception
{
    public KafkaProtocolException(string message)
        : base(message)
    {
    }

    public KafkaProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KafkaProtocolException()
        : base("Malformed Kafka frame.")
    {
    }
}
