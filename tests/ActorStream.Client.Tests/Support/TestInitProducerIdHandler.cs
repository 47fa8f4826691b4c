using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Tests.Support;

/// <summary>InitProducerId for specs on a node that does not serve it yet: a new producer id per request, epoch 0.</summary>
public sealed class TestInitProducerIdHandler : IApiHandler
{
    private long _next = 1000;

    public ApiKey ApiKey => ApiKey.InitProducerId;

    public ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IKafkaMessage?>(new InitProducerIdResponse { ProducerId = Interlocked.Increment(ref _next), ProducerEpoch = 0 });
}
