namespace ActorStream.Broker.Topics;

/// <summary>
/// Published on the actor system's event stream after every topic metadata change (and once after the
/// manager recovers), so partition owners can apply config changes and deletions and the Metadata
/// handler can keep the latest snapshot. Immutable.
/// </summary>
/// <param name="Snapshot">All topics after the change.</param>
/// <param name="Kind">What changed.</param>
/// <param name="Topic">The topic that changed (for a deletion, its last metadata); null for <see cref="TopicChangeKind.Recovered"/>.</param>
public sealed record TopicsChanged(TopicsSnapshot Snapshot, TopicChangeKind Kind, TopicMetadata? Topic);
