namespace ActorStream.Broker.Routing;

/// <summary>
/// A message for the entity with id <paramref name="EntityId"/> (Akka's ShardingEnvelope): an
/// <see cref="EntityRouterActor"/> creates the entity on demand and forwards <paramref name="Message"/>
/// to it with the original sender. Immutable.
/// </summary>
/// <param name="EntityId">The entity's id (a topic-partition, a group id …); any non-empty string.</param>
/// <param name="Message">The message the entity receives.</param>
public sealed record ShardingEnvelope(string EntityId, object Message);
