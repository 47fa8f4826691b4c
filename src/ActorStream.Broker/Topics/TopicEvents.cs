namespace ActorStream.Broker.Topics;

/// <summary>
/// The topic manager's journal: replaying these in order rebuilds every topic. Configs hold only the
/// values set on the topic; defaults are recomputed from the broker settings at recovery. Immutable.
/// </summary>
public static class TopicEvents
{
    /// <summary>A topic was created.</summary>
    public sealed record TopicCreated(
        string Name,
        Guid TopicId,
        int PartitionCount,
        short ReplicationFactor,
        IReadOnlyDictionary<string, string> Configs,
        long TimestampMs) : ITopicEvent;

    /// <summary>A topic was deleted (its name may be used again, with a new topic id).</summary>
    public sealed record TopicDeleted(string Name, Guid TopicId, long TimestampMs) : ITopicEvent;

    /// <summary>A topic grew to <paramref name="PartitionCount"/> partitions.</summary>
    public sealed record PartitionsCreated(string Name, int PartitionCount) : ITopicEvent;

    /// <summary>
    /// The partition logs of the deleted topic <paramref name="TopicId"/> are gone (partition actors stopped,
    /// journal events and snapshots deleted); until this event the topic stays pending deletion, so a node
    /// that stops in between deletes them after its restart.
    /// </summary>
    public sealed record TopicLogsDeleted(Guid TopicId) : ITopicEvent;

    /// <summary>A topic's configs were replaced by <paramref name="Configs"/> (the full set of values set on it).</summary>
    public sealed record TopicConfigsChanged(string Name, IReadOnlyDictionary<string, string> Configs) : ITopicEvent;
}
