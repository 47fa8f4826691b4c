using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Topics;

/// <summary>
/// Commands of <see cref="TopicManagerActor"/> and their replies, one pair per admin operation. Every
/// command is answered to its sender with the matching result; errors are Kafka's codes with a message.
/// Messages are immutable.
/// </summary>
public static class TopicProtocol
{
    /// <summary>CreateTopics for one topic.</summary>
    /// <param name="Name">Topic name (Kafka's rules; see <see cref="TopicNames"/>).</param>
    /// <param name="NumPartitions">Partitions, or -1 for num.partitions.</param>
    /// <param name="ReplicationFactor">Replicas, or -1 for default.replication.factor; more than the live brokers is INVALID_REPLICATION_FACTOR.</param>
    /// <param name="Configs">Topic configs to set (Kafka names); null for none.</param>
    /// <param name="ValidateOnly">Check everything, change nothing.</param>
    public sealed record CreateTopic(
        string Name,
        int NumPartitions = -1,
        short ReplicationFactor = -1,
        IReadOnlyDictionary<string, string?>? Configs = null,
        bool ValidateOnly = false) : ITopicCommand;

    /// <summary>The outcome of <see cref="CreateTopic"/>; <see cref="Topic"/> is what was (or would be) created.</summary>
    public sealed record CreateTopicResult(string Name, ErrorCode Error, string? ErrorMessage, TopicMetadata? Topic);

    /// <summary>DeleteTopics for one topic, by name or (v6+) by topic id.</summary>
    public sealed record DeleteTopic(string? Name, Guid? TopicId = null) : ITopicCommand;

    /// <summary>The outcome of <see cref="DeleteTopic"/>, with the name and id of the deleted topic when known.</summary>
    public sealed record DeleteTopicResult(string? Name, Guid TopicId, ErrorCode Error, string? ErrorMessage);

    /// <summary>
    /// Reports that the partition logs of deleted topic <paramref name="TopicId"/> are gone, ending its pending
    /// deletion (see <see cref="TopicsSnapshot.PendingDeletions"/>); answered with <see cref="TopicDeletionCompleted"/>
    /// once persisted (at once when the topic is not pending).
    /// </summary>
    public sealed record CompleteTopicDeletion(Guid TopicId) : ITopicCommand;

    /// <summary>The answer to <see cref="CompleteTopicDeletion"/>.</summary>
    public sealed record TopicDeletionCompleted(Guid TopicId);

    /// <summary>CreatePartitions: grow a topic to <paramref name="NewTotal"/> partitions.</summary>
    public sealed record CreatePartitions(string Name, int NewTotal, bool ValidateOnly = false) : ITopicCommand;

    /// <summary>The outcome of <see cref="CreatePartitions"/>.</summary>
    public sealed record CreatePartitionsResult(string Name, ErrorCode Error, string? ErrorMessage);

    /// <summary>AlterConfigs (legacy): the topic's configs become exactly <paramref name="Configs"/>; unlisted keys revert to defaults.</summary>
    public sealed record AlterConfigs(string Name, IReadOnlyDictionary<string, string?> Configs, bool ValidateOnly = false) : ITopicCommand;

    /// <summary>One entry of <see cref="IncrementalAlterConfigs"/>.</summary>
    public sealed record ConfigAlteration(string Name, AlterConfigOp Op, string? Value);

    /// <summary>IncrementalAlterConfigs (KIP-339): SET/DELETE any config, APPEND/SUBTRACT items of list configs.</summary>
    public sealed record IncrementalAlterConfigs(string Name, IReadOnlyList<ConfigAlteration> Alterations, bool ValidateOnly = false) : ITopicCommand;

    /// <summary>The outcome of <see cref="AlterConfigs"/> or <see cref="IncrementalAlterConfigs"/>.</summary>
    public sealed record AlterConfigsResult(string Name, ErrorCode Error, string? ErrorMessage);

    /// <summary>DescribeConfigs for one topic; <paramref name="Keys"/> null for all.</summary>
    public sealed record DescribeConfigs(string Name, IReadOnlyList<string>? Keys = null, bool IncludeSynonyms = false, bool IncludeDocumentation = false) : ITopicCommand;

    /// <summary>A config synonym: where else a value for the key could come from, in precedence order.</summary>
    public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);

    /// <summary>One described config.</summary>
    public sealed record DescribedConfig(
        string Name,
        string? Value,
        bool ReadOnly,
        bool IsDefault,
        ConfigSource Source,
        bool IsSensitive,
        TopicConfigType Type,
        IReadOnlyList<ConfigSynonym> Synonyms,
        string? Documentation);

    /// <summary>The outcome of <see cref="DescribeConfigs"/>, configs sorted by name.</summary>
    public sealed record DescribeConfigsResult(string Name, ErrorCode Error, string? ErrorMessage, IReadOnlyList<DescribedConfig> Configs);

    /// <summary>Topics for Metadata: all when <paramref name="Names"/> is null, else the named ones.</summary>
    public sealed record GetTopics(IReadOnlyList<string>? Names = null) : ITopicCommand;

    /// <summary>A named topic that could not be returned.</summary>
    public sealed record TopicError(string Name, ErrorCode Error, string? ErrorMessage);

    /// <summary>The answer to <see cref="GetTopics"/>: found topics, and an error per missing or invalid name.</summary>
    public sealed record GetTopicsResult(long Version, IReadOnlyList<TopicMetadata> Topics, IReadOnlyList<TopicError> Errors);

    /// <summary>
    /// The topic for Produce/Metadata with auto-creation: returns it, creating it with num.partitions and
    /// default.replication.factor when auto.create.topics.enable is on.
    /// </summary>
    public sealed record EnsureTopic(string Name) : ITopicCommand;

    /// <summary>The outcome of <see cref="EnsureTopic"/>; <see cref="Created"/> when this request created it.</summary>
    public sealed record EnsureTopicResult(string Name, ErrorCode Error, string? ErrorMessage, TopicMetadata? Topic, bool Created);

    /// <summary>Asks for the current <see cref="TopicsSnapshot"/> (answered with the snapshot itself).</summary>
    public sealed record GetSnapshot : ITopicCommand
    {
        /// <summary>The single instance.</summary>
        public static GetSnapshot Instance { get; } = new();

        private GetSnapshot()
        {
        }
    }
}
