using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// CreatePartitions (v0–3) through the topic manager: a topic only grows; a count that is not above the
/// current one is INVALID_PARTITIONS with Kafka's message; validate_only checks without changing anything.
/// New partitions are in the next Metadata answer, and their leaders start on first use. Manual replica
/// assignments are INVALID_REPLICA_ASSIGNMENT (the node places every replica itself), a topic named twice
/// is INVALID_REQUEST.
/// </summary>
public sealed class CreatePartitionsHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.CreatePartitions;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var create = (CreatePartitionsRequest)request;
        var response = new CreatePartitionsResponse();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in create.Topics)
        {
            seen[topic.Name] = seen.TryGetValue(topic.Name, out var count) ? count + 1 : 1;
        }

        foreach (var topic in create.Topics)
        {
            var result = new CreatePartitionsResponse.CreatePartitionsTopicResult { Name = topic.Name };
            response.Results.Add(result);
            if (seen[topic.Name] > 1)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Duplicate topic in request.";
                continue;
            }

            if (topic.Assignments is { Count: > 0 })
            {
                result.ErrorCode = (short)ErrorCode.InvalidReplicaAssignment;
                result.ErrorMessage = "Manual replica assignment is not supported";
                continue;
            }

            var outcome = await broker.AskTopicsAsync<TopicProtocol.CreatePartitionsResult>(
                new TopicProtocol.CreatePartitions(topic.Name, topic.Count, create.ValidateOnly), cancellationToken).ConfigureAwait(false);
            result.ErrorCode = (short)outcome.Error;
            result.ErrorMessage = outcome.ErrorMessage;
        }

        return response;
    }
}
