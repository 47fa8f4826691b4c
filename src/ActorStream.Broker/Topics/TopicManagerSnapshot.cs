namespace ActorStream.Broker.Topics;

/// <summary>
/// The topic manager's snapshot: every live topic as the event that would create it as it is now, the
/// deleted topics whose partition logs are not deleted yet (in the same shape), and the metadata
/// version. Recovery loads it, then replays the events after it. Immutable.
/// </summary>
/// <param name="Version">The metadata version (events applied) at the snapshot.</param>
/// <param name="Topics">Live topics, each with its current partition count and configs.</param>
/// <param name="PendingDeletions">Deleted topics whose logs still await deletion; null (older snapshots) for none.</param>
public sealed record TopicManagerSnapshot(long Version, IReadOnlyList<TopicEvents.TopicCreated> Topics, IReadOnlyList<TopicEvents.TopicCreated>? PendingDeletions = null);
