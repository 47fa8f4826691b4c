namespace ActorStream.Broker.Topics;

/// <summary>What happened to a topic in a <see cref="TopicsChanged"/> notification.</summary>
public enum TopicChangeKind
{
    /// <summary>The manager recovered; the snapshot is the full state.</summary>
    Recovered,

    /// <summary>The topic was created.</summary>
    Created,

    /// <summary>The topic was deleted.</summary>
    Deleted,

    /// <summary>The topic got more partitions.</summary>
    PartitionsAdded,

    /// <summary>The topic's configs changed.</summary>
    ConfigsChanged,

    /// <summary>The partition logs of a deleted topic are gone; it is no longer pending deletion.</summary>
    LogsDeleted,
}
