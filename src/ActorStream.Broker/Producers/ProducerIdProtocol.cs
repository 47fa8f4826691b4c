using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Producers;

/// <summary>The messages of <see cref="ProducerIdManagerActor"/>. Immutable.</summary>
public static class ProducerIdProtocol
{
    /// <summary>
    /// InitProducerId for an idempotent (non-transactional) producer. Without a producer id
    /// (<paramref name="ProducerId"/> = -1, <paramref name="ProducerEpoch"/> = -1) a new id with epoch 0 is
    /// handed out. With the id and epoch a producer already holds (KIP-360, v3+), the epoch is bumped when
    /// the id was issued by this manager and the epoch is not exhausted; otherwise a new id with epoch 0 is
    /// handed out. Replies <see cref="InitProducerIdResult"/>.
    /// </summary>
    public sealed record InitProducerId(long ProducerId = -1, short ProducerEpoch = -1) : IProducerIdCommand;

    /// <summary>The outcome of <see cref="InitProducerId"/>; id -1 and epoch -1 on error.</summary>
    public sealed record InitProducerIdResult(ErrorCode Error, long ProducerId, short ProducerEpoch, string? ErrorMessage = null);
}
