using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>DeleteTopics through the topic manager: by name (v0–5 topic names, v6 states) or by id (v6).</summary>
public sealed class DeleteTopicsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.DeleteTopics;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var delete = (DeleteTopicsRequest)request;
        var response = new DeleteTopicsResponse();
        if (header.ApiVersion >= 6)
        {
            foreach (var state in delete.Topics)
            {
                response.Responses.Add(await DeleteAsync(state.Name, state.TopicId == Guid.Empty ? null : state.TopicId, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            foreach (var name in delete.TopicNames)
            {
                response.Responses.Add(await DeleteAsync(name, null, cancellationToken).ConfigureAwait(false));
            }
        }

        return response;
    }

    private async Task<DeleteTopicsResponse.DeletableTopicResult> DeleteAsync(string? name, Guid? topicId, CancellationToken cancellationToken)
    {
        var outcome = await broker.AskTopicsAsync<TopicProtocol.DeleteTopicResult>(new TopicProtocol.DeleteTopic(name, topicId), cancellationToken).ConfigureAwait(false);
        return new DeleteTopicsResponse.DeletableTopicResult
        {
            Name = outcome.Name ?? name,
            TopicId = outcome.TopicId,
            ErrorCode = (short)outcome.Error,
            ErrorMessage = outcome.ErrorMessage,
        };
    }
}
