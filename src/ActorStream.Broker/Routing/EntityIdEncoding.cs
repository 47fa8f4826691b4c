namespace ActorStream.Broker.Routing;

/// <summary>
/// Maps entity ids to actor names and back. Ids may hold any character; names may not, so every
/// character outside RFC 3986's unreserved set is percent-encoded as UTF-8 (as Akka's sharding
/// URL-encodes entity ids). Thread-safe (stateless).
/// </summary>
public static class EntityIdEncoding
{
    /// <summary>The actor name of entity <paramref name="entityId"/>.</summary>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public static string Encode(string entityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        return Uri.EscapeDataString(entityId);
    }

    /// <summary>The entity id an actor name produced by <see cref="Encode"/> stands for.</summary>
    public static string Decode(string actorName)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorName);
        return Uri.UnescapeDataString(actorName);
    }
}
