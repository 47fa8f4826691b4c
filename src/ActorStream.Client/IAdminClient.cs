using ActorStream.Client.Admin;

namespace ActorStream.Client;

/// <summary>
/// Administers a Kafka cluster (the shape of Confluent.Kafka's IAdminClient). Every call retries
/// retriable failures (lost connections, NOT_CONTROLLER, NOT_COORDINATOR, NOT_LEADER_OR_FOLLOWER …)
/// within its time limit (<see cref="AdminOptions.RequestTimeout"/>, else default.api.timeout.ms).
/// Calls about several items throw an exception with the outcome of every item when any fails
/// (e.g. <see cref="CreateTopicsException"/>). Thread-safe.
/// </summary>
public interface IAdminClient : IDisposable, IAsyncDisposable
{
    /// <summary>The client id (client.id).</summary>
    string Name { get; }

    /// <summary>Brokers and every topic, from one broker.</summary>
    /// <param name="timeout">Time limit.</param>
    Metadata GetMetadata(TimeSpan timeout);

    /// <summary>Brokers and one topic, from one broker.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="timeout">Time limit.</param>
    Metadata GetMetadata(string topic, TimeSpan timeout);

    /// <summary>Brokers and the given topics (null for every topic), from one broker.</summary>
    /// <param name="topics">The topics, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Metadata> GetMetadataAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default);

    /// <summary>Creates topics (through the controller). Throws <see cref="CreateTopicsException"/> if any fails.</summary>
    /// <param name="topics">The topics.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CreateTopicsAsync(IEnumerable<TopicSpecification> topics, CreateTopicsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes topics. Throws <see cref="DeleteTopicsException"/> if any fails.</summary>
    /// <param name="topics">The topic names.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteTopicsAsync(IEnumerable<string> topics, DeleteTopicsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Describes topics: partitions, leaders, replicas. Throws <see cref="DescribeTopicsException"/> if any is unknown.</summary>
    /// <param name="topics">The topic names.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DescribeTopicsResult> DescribeTopicsAsync(IEnumerable<string> topics, DescribeTopicsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the topics of the cluster.</summary>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<TopicListing>> ListTopicsAsync(ListTopicsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Adds partitions to topics. Throws <see cref="CreatePartitionsException"/> if any fails.</summary>
    /// <param name="partitionsSpecifications">The topics and their new partition counts.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CreatePartitionsAsync(IEnumerable<PartitionsSpecification> partitionsSpecifications, CreatePartitionsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Describes the configuration of topics and brokers. Throws <see cref="DescribeConfigsException"/> if any fails.</summary>
    /// <param name="resources">The resources.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<DescribeConfigsResult>> DescribeConfigsAsync(IEnumerable<ConfigResource> resources, DescribeConfigsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the configuration of resources (entries not listed revert to defaults). Throws <see cref="AlterConfigsException"/> if any fails.</summary>
    /// <param name="configs">The complete new configuration per resource.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task AlterConfigsAsync(Dictionary<ConfigResource, List<ConfigEntry>> configs, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Changes single configuration entries (set, delete, append, subtract). Throws <see cref="AlterConfigsException"/> if any fails.</summary>
    /// <param name="configs">The changes per resource.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task IncrementalAlterConfigsAsync(Dictionary<ConfigResource, List<ConfigEntry>> configs, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the groups of every broker.</summary>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<GroupListing>> ListGroupsAsync(ListGroupsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Describes groups (state, members, assignments). Throws <see cref="DescribeGroupsException"/> if any fails.</summary>
    /// <param name="groups">The group ids.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<GroupDescription>> DescribeGroupsAsync(IEnumerable<string> groups, DescribeGroupsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes empty groups and their committed offsets. Throws <see cref="DeleteGroupsException"/> if any fails.</summary>
    /// <param name="groups">The group ids.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteGroupsAsync(IEnumerable<string> groups, DeleteGroupsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists committed offsets of groups. Throws <see cref="ListConsumerGroupOffsetsException"/> if any fails.</summary>
    /// <param name="groupPartitions">The groups and partitions.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<ListConsumerGroupOffsetsResult>> ListConsumerGroupOffsetsAsync(IEnumerable<ConsumerGroupTopicPartitions> groupPartitions, ListConsumerGroupOffsetsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Commits offsets for groups without active members. Throws <see cref="AlterConsumerGroupOffsetsException"/> if any fails.</summary>
    /// <param name="groupPartitions">The groups and offsets.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<AlterConsumerGroupOffsetsResult>> AlterConsumerGroupOffsetsAsync(IEnumerable<ConsumerGroupTopicPartitionOffsets> groupPartitions, AlterConsumerGroupOffsetsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Looks up offsets (earliest, latest, max timestamp, by timestamp) from the partition leaders. Throws <see cref="ListOffsetsException"/> if any fails.</summary>
    /// <param name="topicPartitionOffsets">The partitions and what to look up.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<ListOffsetsResultInfo>> ListOffsetsAsync(IEnumerable<TopicPartitionOffsetSpec> topicPartitionOffsets, ListOffsetsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records below the given offsets (<see cref="Offset.End"/>: up to the high watermark). Throws <see cref="DeleteRecordsException"/> if any fails.</summary>
    /// <param name="topicPartitionOffsets">The partitions and offsets.</param>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<List<DeleteRecordsResult>> DeleteRecordsAsync(IEnumerable<TopicPartitionOffset> topicPartitionOffsets, DeleteRecordsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Describes the cluster: id, controller, brokers (DescribeCluster, or Metadata on older brokers).</summary>
    /// <param name="options">Options, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DescribeClusterResult> DescribeClusterAsync(DescribeClusterOptions? options = null, CancellationToken cancellationToken = default);
}
