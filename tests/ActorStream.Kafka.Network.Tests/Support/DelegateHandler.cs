namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>A synchronous handler from a delegate.</summary>
internal sealed class DelegateHandler(Func<KafkaRequestFrame, KafkaConnectionContext, KafkaResponse> handle) : IKafkaRequestHandler
{
    public ValueTask<KafkaResponse> HandleAsync(KafkaRequestFrame request, KafkaConnectionContext connection, CancellationToken cancellationToken) =>
        new(handle(request, connection));
}
