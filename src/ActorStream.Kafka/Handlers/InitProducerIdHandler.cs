using ActorStream.Actor;
using ActorStream.Broker.Producers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// InitProducerId (v0–4) for idempotent producers through the <see cref="ProducerIdManagerActor"/>: a new,
/// never reused producer id with epoch 0, or (v3+, KIP-360) the same id with the epoch bumped when the
/// producer sends the id and epoch it holds. Producer id and epoch must be given both or neither
/// (INVALID_REQUEST otherwise).
/// <para>
/// Transactions are not supported: a request with a transactional id is answered UNSUPPORTED_VERSION, a
/// non-retriable error, so that a transactional producer fails at once when it initializes (Java:
/// "Unexpected error in InitProducerIdResponse; The version of API is not supported.") instead of retrying
/// until its timeout as it would on COORDINATOR_NOT_AVAILABLE or NOT_COORDINATOR.
/// TRANSACTIONAL_ID_AUTHORIZATION_FAILED would blame permissions that do not exist.
/// </para>
/// When the manager does not answer in time the answer is COORDINATOR_NOT_AVAILABLE, which clients retry.
/// </summary>
public sealed class InitProducerIdHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.InitProducerId;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var init = (InitProducerIdRequest)request;
        if (!string.IsNullOrEmpty(init.TransactionalId))
        {
            return Error(ErrorCode.UnsupportedVersion);
        }

        if ((init.ProducerId < 0) != (init.ProducerEpoch < 0))
        {
            return Error(ErrorCode.InvalidRequest);
        }

        ProducerIdProtocol.InitProducerIdResult result;
        try
        {
            result = await broker.ProducerIds.Ask<ProducerIdProtocol.InitProducerIdResult>(
                new ProducerIdProtocol.InitProducerId(init.ProducerId, init.ProducerEpoch), broker.AskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return Error(ErrorCode.CoordinatorNotAvailable);
        }

        return result.Error == ErrorCode.None
            ? new InitProducerIdResponse { ErrorCode = (short)ErrorCode.None, ProducerId = result.ProducerId, ProducerEpoch = result.ProducerEpoch }
            : Error(result.Error);
    }

    private static InitProducerIdResponse Error(ErrorCode error) => new() { ErrorCode = (short)error, ProducerId = -1, ProducerEpoch = -1 };
}
