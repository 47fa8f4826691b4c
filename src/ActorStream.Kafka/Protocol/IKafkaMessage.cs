namespace ActorStream.Kafka.Protocol;

/// <summary>
/// A Kafka message body (request, response or embedded data such as the consumer protocol's
/// subscription) with a version-aware codec. Writers are lenient: a field absent from the
/// version is skipped and a null in a non-nullable version is written as empty.
/// </summary>
public interface IKafkaMessage
{
    /// <summary>Exact encoded size of the body at <paramref name="version"/>.</summary>
    int ComputeSize(short version);

    /// <summary>Writes the body at <paramref name="version"/>.</summary>
    void Write(ref KafkaWriter writer, short version);
}

/// <summary>A message type that can be read generically.</summary>
/// <typeparam name="TSelf">The message type.</typeparam>
public interface IKafkaMessage<TSelf> : IKafkaMessage
    where TSelf : IKafkaMessage<TSelf>
{
    /// <summary>Lowest version the codec implements.</summary>
    static abstract short LowestSupportedVersion { get; }

    /// <summary>Highest version the codec implements.</summary>
    static abstract short HighestSupportedVersion { get; }

    /// <summary>Reads the body at <paramref name="version"/>; throws <see cref="KafkaProtocolException"/> on malformed input.</summary>
    static abstract TSelf Read(ref KafkaReader reader, short version);
}
