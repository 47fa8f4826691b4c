namespace ActorStream.Broker.Topics;

/// <summary>
/// The topic manager's snapshot: every live topic as the event that would create it as it is now, and the
/// metadata version. Recovery loads it, then replays the events after it. Immutable.
/// </summary>
/// <param name="Version">The metadata version (events applied) at the snapshot.</param>
/// <param name="Topics">Live topics, each with its current partition count and configs.</param>
public sealed record TopicManagerSnapshot(long Version, IReadOnlyList<TopicEvents.TopicCreated> Topics);
