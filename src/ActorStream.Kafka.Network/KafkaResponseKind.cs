namespace ActorStream.Kafka.Network;

/// <summary>What the listener does with a handler's <see cref="KafkaResponse"/>.</summary>
public enum KafkaResponseKind
{
    /// <summary>Write nothing (acks=0 Produce). The default value.</summary>
    NoResponse = 0,

    /// <summary>Write the payload after a 4-byte big-endian size prefix.</summary>
    Payload = 1,

    /// <summary>Write nothing more and close the connection (fatal protocol error).</summary>
    CloseConnection = 2,
}
