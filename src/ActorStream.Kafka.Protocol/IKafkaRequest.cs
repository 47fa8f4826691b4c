namespace ActorStream.Kafka.Protocol;

/// <summary>A request body; the header travels separately (<see cref="RequestHeader"/>).</summary>
public interface IKafkaRequest : IKafkaMessage
{
    /// <summary>The API this request belongs to.</summary>
    ApiKey ApiKey { get; }
}
