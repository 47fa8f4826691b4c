using ActorStream.Broker.Groups;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// The one mapping between a group id and the entity id of its <see cref="GroupCoordinatorActor"/> in the
/// group router: the coordinator's persistence id, <c>group-{groupId}</c>. The prefix keeps the entity id
/// non-empty for the group "" (which Kafka accepts for the offset and admin APIs).
/// </summary>
public static class GroupEntityIds
{
    /// <summary>The entity id of group <paramref name="groupId"/>.</summary>
    public static string For(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return GroupCoordinatorActor.PersistenceIdPrefix + groupId;
    }

    /// <summary>The group id behind an entity id made by <see cref="For"/>.</summary>
    public static bool TryParse(string entityId, out string groupId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        if (entityId.StartsWith(GroupCoordinatorActor.PersistenceIdPrefix, StringComparison.Ordinal))
        {
            groupId = entityId[GroupCoordinatorActor.PersistenceIdPrefix.Length..];
            return true;
        }

        groupId = string.Empty;
        return false;
    }
}
