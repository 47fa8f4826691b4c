namespace ActorStream.Broker.Groups;

/// <summary>
/// The durable events of the <see cref="GroupRegistryActor"/>: the ids of the groups this node
/// coordinates, one change at a time. Replaying them in order rebuilds the set. Immutable.
/// </summary>
public static class GroupRegistryEvents
{
    /// <summary>A group came into existence (or was first seen by a request that may create it).</summary>
    public sealed record GroupRegistered(string GroupId) : IGroupRegistryEvent;

    /// <summary>A group was deleted (DeleteGroups, or the offsets-retention sweep emptied it).</summary>
    public sealed record GroupUnregistered(string GroupId) : IGroupRegistryEvent;
}
