using ActorStream.Broker.Topics;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Metadata: this node as the only broker and controller; every partition led by it (epoch 0, replicas
/// and ISR = this node). Requested unknown topics are auto-created when the request (v4+) and the
/// broker allow it.
/// </summary>
public sealed class MetadataHandler(BrokerServices broker) : IApiHandler
{
    public ApiKey ApiKey => ApiKey.Metadata;

    public async ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var metadata = (MetadataRequest)request;
        var version = header.ApiVersion;
        var endpoint = broker.Endpoint;
        var response = new MetadataResponse
        {
            ClusterId = broker.ClusterId,
            ControllerId = broker.NodeId,
        };
        response.Brokers.Add(new MetadataResponse.MetadataResponseBroker { NodeId = broker.NodeId, Host = endpoint.Host, Port = endpoint.Port, Rack = null });

        // v0: an empty list means all topics; v1+: null means all, empty means none.
        var all = metadata.Topics is null || (version == 0 && metadata.Topics.Count == 0);
        if (all)
        {
            var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var topic in snapshot.Topics.Values)
            {
                response.Topics.Add(Describe(topic));
            }

            return response;
        }

        var autoCreate = version < 4 || metadata.AllowAutoTopicCreation;
        foreach (var requested in metadata.Topics!)
        {
            if (requested.Name is null)
            {
                var snapshot = await broker.GetTopicsAsync(cancellationToken).ConfigureAwait(false);
                response.Topics.Add(snapshot.TryGet(requested.TopicId, out var byId)
                    ? Describe(byId)
                    : new MetadataResponse.MetadataResponseTopic { ErrorCode = (short)ErrorCode.UnknownTopicId, Name = null, TopicId = requested.TopicId });
                continue;
            }

            var resolved = await broker.ResolveTopicAsync(requested.Name, autoCreate, cancellationToken).ConfigureAwait(false);
            response.Topics.Add(resolved.Topic is { } found && resolved.Error == ErrorCode.None
                ? Describe(found)
                : new MetadataResponse.MetadataResponseTopic { ErrorCode = (short)resolved.Error, Name = requested.Name });
        }

        return response;
    }

    private MetadataResponse.MetadataResponseTopic Describe(TopicMetadata topic)
    {
        var result = new MetadataResponse.MetadataResponseTopic
        {
            Name = topic.Name,
            TopicId = topic.TopicId,
            IsInternal = topic.Name.StartsWith("__", StringComparison.Ordinal),
        };
        for (var i = 0; i < topic.PartitionCount; i++)
        {
            result.Partitions.Add(new MetadataResponse.MetadataResponsePartition
            {
                PartitionIndex = i,
                LeaderId = broker.NodeId,
                LeaderEpoch = 0,
                ReplicaNodes = [broker.NodeId],
                IsrNodes = [broker.NodeId],
            });
        }

        return result;
    }
}
