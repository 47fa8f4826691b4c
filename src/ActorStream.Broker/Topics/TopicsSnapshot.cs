namespace ActorStream.Broker.Topics;

/// <summary>
/// All live topics at one version of the topic metadata, and the deleted topics whose partition logs
/// still await deletion. <see cref="Version"/> grows with every change (it is the manager's journal
/// sequence number), so a holder can drop stale snapshots. Immutable and thread-safe.
/// </summary>
public sealed class TopicsSnapshot
{
    private readonly Dictionary<string, TopicMetadata> _byName;
    private readonly Dictionary<Guid, TopicMetadata> _byId;

    /// <summary>Creates a snapshot of <paramref name="topics"/> at <paramref name="version"/>.</summary>
    /// <param name="version">The metadata version.</param>
    /// <param name="topics">Live topics.</param>
    /// <param name="pendingDeletions">Deleted topics (their last metadata) whose logs are not deleted yet; null for none.</param>
    public TopicsSnapshot(long version, IEnumerable<TopicMetadata> topics, IEnumerable<TopicMetadata>? pendingDeletions = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Version = version;
        PendingDeletions = pendingDeletions is null ? [] : [.. pendingDeletions];
        _byName = new Dictionary<string, TopicMetadata>(StringComparer.Ordinal);
        _byId = [];
        foreach (var topic in topics)
        {
            _byName.Add(topic.Name, topic);
            _byId.Add(topic.TopicId, topic);
        }
    }

    /// <summary>A snapshot with no topics.</summary>
    public static TopicsSnapshot Empty { get; } = new(0, []);

    /// <summary>The metadata version.</summary>
    public long Version { get; }

    /// <summary>Deleted topics, with their last metadata, whose partition logs are not deleted yet.</summary>
    public IReadOnlyList<TopicMetadata> PendingDeletions { get; }

    /// <summary>Live topics by name.</summary>
    public IReadOnlyDictionary<string, TopicMetadata> Topics => _byName;

    /// <summary>Live topics by topic id.</summary>
    public IReadOnlyDictionary<Guid, TopicMetadata> TopicsById => _byId;

    /// <summary>The topic named <paramref name="name"/>.</summary>
    public bool TryGet(string name, out TopicMetadata topic) => _byName.TryGetValue(name, out topic!);

    /// <summary>The topic with id <paramref name="topicId"/>.</summary>
    public bool TryGet(Guid topicId, out TopicMetadata topic) => _byId.TryGetValue(topicId, out topic!);
}
