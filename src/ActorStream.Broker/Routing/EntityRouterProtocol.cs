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
}
