using ActorStream.Client.Admin;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Metadata and the cluster description.</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public Metadata GetMetadata(TimeSpan timeout) => RunSync(GetMetadataAsync(null, timeout, CancellationToken.None));

    /// <inheritdoc />
    public Metadata GetMetadata(string topic, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return RunSync(GetMetadataAsync([topic], timeout, CancellationToken.None));
    }

    /// <inheritdoc />
    public Task<Metadata> GetMetadataAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default) =>
        GetMetadataAsync(topics is null ? null : Distinct(topics, "Topic"), null, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeClusterResult> DescribeClusterAsync(DescribeClusterOptions? options = null, CancellationToken cancellationToken = default) =>
        CallAsync("DescribeCluster", options, async (_, token) =>
        {
            var connection = await _cluster.GetAnyConnectionAsync(token).ConfigureAwait(false);
            if (!connection.Versions.TryGetVersion(ApiKey.DescribeCluster, out var version))
            {
                // Older brokers: the same facts from Metadata.
                var metadata = await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false);
                var brokers = new List<Node>(metadata.BrokerList.Length);
                foreach (var broker in metadata.BrokerList)
                {
                    brokers.Add(new Node(broker.NodeId, broker.Host, broker.Port, broker.Rack));
                }

                return new DescribeClusterResult(metadata.ClusterId, ToNode(metadata, metadata.ControllerId), brokers, null);
            }

            var request = new DescribeClusterRequest { IncludeClusterAuthorizedOperations = options?.IncludeAuthorizedOperations ?? false };
            var response = await connection.SendAsync<DescribeClusterResponse>(request, version, null, token).ConfigureAwait(false);
            if (response.ErrorCode != 0)
            {
                throw new KafkaException(KafkaError.FromBroker(response.ErrorCode, response.ErrorMessage));
            }

            var nodes = new List<Node>(response.Brokers.Count);
            Node? controller = null;
            foreach (var broker in response.Brokers)
            {
                var node = new Node(broker.BrokerId, broker.Host, broker.Port, broker.Rack);
                nodes.Add(node);
                if (broker.BrokerId == response.ControllerId)
                {
                    controller = node;
                }
            }

            int? operations = options?.IncludeAuthorizedOperations == true && response.ClusterAuthorizedOperations != int.MinValue ? response.ClusterAuthorizedOperations : null;
            return new DescribeClusterResult(response.ClusterId, controller, nodes, operations);
        }, cancellationToken);

    private Task<Metadata> GetMetadataAsync(List<string>? topics, TimeSpan? timeout, CancellationToken cancellationToken) =>
        CallAsync("Metadata", timeout is null ? null : new DescribeTopicsOptions { RequestTimeout = timeout }, async (_, token) =>
        {
            var (response, broker) = await _cluster.SendToAnyAsync<MetadataResponse>(ApiKey.Metadata, _ => new MetadataRequest
            {
                AllowAutoTopicCreation = false,
                Topics = topics is null ? null : ToMetadataTopics(topics),
            }, token).ConfigureAwait(false);
            var brokers = new List<BrokerMetadata>(response.Brokers.Count);
            foreach (var b in response.Brokers)
            {
                brokers.Add(new BrokerMetadata(b.NodeId, b.Host, b.Port));
            }

            var result = new List<TopicMetadata>(response.Topics.Count);
            foreach (var topic in response.Topics)
            {
                var partitions = new List<PartitionMetadata>(topic.Partitions.Count);
                foreach (var p in topic.Partitions)
                {
                    partitions.Add(new PartitionMetadata(p.PartitionIndex, p.LeaderId, [.. p.ReplicaNodes], [.. p.IsrNodes], KafkaError.FromBroker(p.ErrorCode)));
                }

                partitions.Sort(static (a, b) => a.PartitionId.CompareTo(b.PartitionId));
                result.Add(new TopicMetadata(topic.Name ?? string.Empty, partitions, KafkaError.FromBroker(topic.ErrorCode)));
            }

            // A bootstrap connection has a pseudo id: name the broker by its address instead.
            var originId = broker.NodeId;
            foreach (var b in response.Brokers)
            {
                if (broker.NodeId < 0 && b.Port == broker.Port && string.Equals(b.Host, broker.Host, StringComparison.OrdinalIgnoreCase))
                {
                    originId = b.NodeId;
                }
            }

            return new Metadata(brokers, result, originId, $"{broker.Host}:{broker.Port}/{originId}");
        }, cancellationToken);

    private static List<MetadataRequest.MetadataRequestTopic> ToMetadataTopics(List<string> topics)
    {
        var list = new List<MetadataRequest.MetadataRequestTopic>(topics.Count);
        foreach (var topic in topics)
        {
            list.Add(new MetadataRequest.MetadataRequestTopic { Name = topic });
        }

        return list;
    }

    /// <summary>Groups items by the broker that should receive them.</summary>
    private static Dictionary<int, List<T>> ByNode<T>(IEnumerable<T> items, Func<T, int> node)
    {
        var groups = new Dictionary<int, List<T>>();
        foreach (var item in items)
        {
            var id = node(item);
            if (!groups.TryGetValue(id, out var list))
            {
                groups[id] = list = [];
            }

            list.Add(item);
        }

        return groups;
    }

    /// <summary>Sends one request per broker in parallel and merges what each returns.</summary>
    private static async Task<Dictionary<TItem, TResult>> FanOutAsync<TItem, TResult>(Dictionary<int, List<TItem>> byNode,
        Func<int, List<TItem>, Task<Dictionary<TItem, TResult>>> send, Func<TItem, KafkaError, TResult> failed)
        where TItem : notnull
    {
        var tasks = new List<(List<TItem> Items, Task<Dictionary<TItem, TResult>> Task)>(byNode.Count);
        foreach (var (node, items) in byNode)
        {
            tasks.Add((items, send(node, items)));
        }

        var merged = new Dictionary<TItem, TResult>();
        foreach (var (items, task) in tasks)
        {
            try
            {
                foreach (var (item, result) in await task.ConfigureAwait(false))
                {
                    merged[item] = result;
                }
            }
            catch (KafkaException e)
            {
                // One broker failing fails only its items; retriable ones are retried by the caller.
                foreach (var item in items)
                {
                    merged[item] = failed(item, e.Error);
                }
            }
        }

        return merged;
    }

    private static KafkaError Unreachable(int nodeId) =>
        new(LocalErrorCode.InvalidArgument, ErrorCode.BrokerNotAvailable, $"Broker {nodeId} is not in the cluster metadata");

    private static bool HasLeader(ClusterMetadata metadata, TopicPartition partition, out int leader)
    {
        leader = metadata.TryGetTopic(partition.Topic, out var topic) ? topic.LeaderOf(partition.Partition.Value) : -1;
        return leader >= 0;
    }
}
