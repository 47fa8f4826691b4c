namespace ActorStream.Kafka.Protocol;

/// <summary>A response body; the header travels separately (<see cref="ResponseHeader"/>).</summary>
public interface IKafkaResponse : IKafkaMessage
{
    /// <summary>The API this response belongs to.</summary>
    ApiKey ApiKey { get; }
}
