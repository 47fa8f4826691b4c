namespace ActorStream.Broker.Routing;

/// <summary>
/// Messages between an <see cref="EntityRouterActor"/>, its entities and its users besides
/// <see cref="ShardingEnvelope"/> (Akka's ShardRegion.Passivate and the region queries). Immutable.
/// </summary>
public static class EntityRouterProtocol
{
    /// <summary>
    /// Sent by an entity to its router (its parent) to stop gracefully: the router sends
    /// <paramref name="StopMessage"/> back to the entity and buffers messages for it until it has
    /// terminated; buffered messages then start a new incarnation of the entity.
    /// </summary>
    /// <param name="StopMessage">What the entity receives to stop itself (commonly PoisonPill).</param>
    public sealed record Passivate(object StopMessage);

    /// <summary>Asks the router how many entities are alive; answered with <see cref="EntityCount"/>.</summary>
    public sealed record GetEntityCount
    {
        /// <summary>The single instance.</summary>
        public static GetEntityCount Instance { get; } = new();

        private GetEntityCount()
        {
        }
    }

    /// <summary>The answer to <see cref="GetEntityCount"/>: entities alive, including those passivating.</summary>
    public sealed record EntityCount(int Count);

    /// <summary>
    /// Stops entity <paramref name="EntityId"/> from outside (a deleted topic's partition): the router stops
    /// the entity, buffers messages for it meanwhile like a passivation, and answers
    /// <see cref="EntityStopped"/> once it has terminated (at once when it is not running). Buffered
    /// messages start a new incarnation afterwards, exactly as after <see cref="Passivate"/>.
    /// </summary>
    public sealed record StopEntity(string EntityId);

    /// <summary>The answer to <see cref="StopEntity"/>: the entity is not running (any more).</summary>
    public sealed record EntityStopped(string EntityId);

    /// <summary>
    /// Delivers <paramref name="Message"/> to entity <paramref name="EntityId"/> only when it is running
    /// (and not passivating), with the original sender; otherwise the router answers
    /// <see cref="EntityNotActive"/> and starts nothing. For updates that a new incarnation picks up on
    /// its own when it starts (a changed topic config).
    /// </summary>
    public sealed record DeliverIfActive(string EntityId, object Message);

    /// <summary>The answer to <see cref="DeliverIfActive"/> when the entity was not running.</summary>
    public sealed record EntityNotActive(string EntityId);
}
