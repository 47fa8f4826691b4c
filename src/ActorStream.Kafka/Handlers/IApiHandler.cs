using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Handlers;

/// <summary>Handles one Kafka API: gets the decoded request and returns the response body (or none).</summary>
public interface IApiHandler
{
    ApiKey ApiKey { get; }

    /// <summary>Returns the response body, or null when the request gets no response (acks=0 produce).</summary>
    ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken);
}
