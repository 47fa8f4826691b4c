using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Network;

/// <summary>
/// An immutable snapshot of what the client knows about the cluster: brokers, controller,
/// cluster id and the topics it asked about. Every Metadata response produces a new snapshot via
/// <see cref="Merge"/>; readers just take the current reference. Thread-safe.
/// </summary>
internal sealed class ClusterMetadata
{
    private readonly Dictionary<string, TopicInfo> _topics;

    private ClusterMetadata(long version, string? clusterId, int controllerId, Dictionary<int, BrokerEndpoint> brokers, Dictionary<string, TopicInfo> topics)
    {
        Version = version;
        ClusterId = clusterId;
        ControllerId = controllerId;
        Brokers = brokers;
        _topics = topics;
        var list = new BrokerEndpoint[brokers.Count];
        brokers.Values.CopyTo(list, 0);
        Array.Sort(list, static (a, b) => a.NodeId.CompareTo(b.NodeId));
        BrokerList = list;
    }

    /// <summary>Before the first Metadata response.</summary>
    public static ClusterMetadata Empty { get; } = new(0, null, -1, [], new Dictionary<string, TopicInfo>(StringComparer.Ordinal));

    /// <summary>Increases with every merged response.</summary>
    public long Version { get; }

    public string? ClusterId { get; }

    /// <summary>Node id of the controller, -1 if unknown.</summary>
    public int ControllerId { get; }

    public IReadOnlyDictionary<int, BrokerEndpoint> Brokers { get; }

    /// <summary>The brokers ordered by node id.</summary>
    public BrokerEndpoint[] BrokerList { get; }

    public IReadOnlyDictionary<string, TopicInfo> Topics => _topics;

    /// <summary>True once a Metadata response named at least one broker.</summary>
    public bool HasBrokers => BrokerList.Length > 0;

    public bool TryGetTopic(string topic, out TopicInfo info) => _topics.TryGetValue(topic, out info!);

    public bool TryGetBroker(int nodeId, out BrokerEndpoint broker) => Brokers.TryGetValue(nodeId, out broker);

    /// <summary>
    /// The snapshot after <paramref name="response"/>. Brokers, controller and cluster id are replaced;
    /// topics in the response are replaced and, when <paramref name="allTopics"/> is true (the request
    /// asked for every topic), topics missing from it are dropped. Topics named in
    /// <paramref name="dropped"/> are forgotten.
    /// </summary>
    public ClusterMetadata Merge(MetadataResponse response, bool allTopics, IReadOnlyCollection<string>? dropped = null)
    {
        var brokers = new Dictionary<int, BrokerEndpoint>(response.Brokers.Count);
        foreach (var broker in response.Brokers)
        {
            brokers[broker.NodeId] = new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port, broker.Rack);
        }

        var topics = allTopics
            ? new Dictionary<string, TopicInfo>(StringComparer.Ordinal)
            : new Dictionary<string, TopicInfo>(_topics, StringComparer.Ordinal);
        if (dropped is not null)
        {
            foreach (var topic in dropped)
            {
                topics.Remove(topic);
            }
        }

        foreach (var topic in response.Topics)
        {
            if (topic.Name is null)
            {
                continue;
            }

            var partitions = new PartitionInfo[topic.Partitions.Count];
            var complete = true;
            foreach (var p in topic.Partitions)
            {
                if ((uint)p.PartitionIndex >= (uint)partitions.Length)
                {
                    complete = false;
                    continue;
                }

                partitions[p.PartitionIndex] = new PartitionInfo(p.PartitionIndex, p.LeaderId, p.LeaderEpoch,
                    p.ReplicaNodes.ToArray(), p.IsrNodes.ToArray(), p.OfflineReplicas.ToArray(), (ErrorCode)p.ErrorCode);
            }

            if (!complete || Array.IndexOf(partitions, null) >= 0)
            {
                // Partition numbers with gaps: keep only what is there, densely, so indexes stay numbers.
                partitions = Densify(topic.Partitions);
            }

            topics[topic.Name] = new TopicInfo(topic.Name, topic.TopicId, (ErrorCode)topic.ErrorCode, topic.IsInternal, partitions);
        }

        return new ClusterMetadata(Version + 1, response.ClusterId ?? ClusterId, response.ControllerId, brokers, topics);
    }

    private static PartitionInfo[] Densify(List<MetadataResponse.MetadataResponsePartition> partitions)
    {
        var max = -1;
        foreach (var p in partitions)
        {
            max = Math.Max(max, p.PartitionIndex);
        }

        var result = new PartitionInfo[max + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new PartitionInfo(i, -1, -1, [], [], [], ErrorCode.LeaderNotAvailable);
        }

        foreach (var p in partitions)
        {
            if (p.PartitionIndex >= 0)
            {
                result[p.PartitionIndex] = new PartitionInfo(p.PartitionIndex, p.LeaderId, p.LeaderEpoch,
                    p.ReplicaNodes.ToArray(), p.IsrNodes.ToArray(), p.OfflineReplicas.ToArray(), (ErrorCode)p.ErrorCode);
            }
        }

        return result;
    }
}
