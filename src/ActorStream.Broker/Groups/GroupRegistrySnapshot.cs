namespace ActorStream.Broker.Groups;

/// <summary>
/// The <see cref="GroupRegistryActor"/>'s snapshot: every registered group id, in ordinal order. Recovery
/// loads it, then replays the events after it. Immutable.
/// </summary>
/// <param name="GroupIds">The registered group ids.</param>
public sealed record GroupRegistrySnapshot(IReadOnlyList<string> GroupIds);
