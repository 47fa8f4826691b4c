namespace ActorStream.Kafka.Protocol;

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
