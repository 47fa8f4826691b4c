
namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>Reads a message body generically (wraps a generated static Read).</summary>
public delegate IKafkaMessage ReadMessage(ref KafkaReader reader, short version);

/// <summary>A generated message type with its sample factory and reader.</summary>
public sealed record MessageSample(
    string Name,
    short LowestVersion,
    short HighestVersion,
    Func<short, SampleValues, IKafkaMessage> Create,
    ReadMessage Read);
