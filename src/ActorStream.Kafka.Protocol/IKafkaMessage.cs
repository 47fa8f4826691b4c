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
