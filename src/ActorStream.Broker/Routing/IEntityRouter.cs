using System.Diagnostics.CodeAnalysis;
using ActorStream.Actor;

namespace ActorStream.Broker.Routing;

/// <summary>
/// The seam through which handlers reach entities (partitions, group coordinators) by id. The local
/// implementation is <see cref="LocalEntityRouter"/>; cluster sharding implements the same interface
/// later. Implementations are thread-safe.
/// </summary>
public interface IEntityRouter
{
    /// <summary>The actor that accepts <see cref="ShardingEnvelope"/>s for this entity type.</summary>
    IActorRef Router { get; }

    /// <summary>Sends <paramref name="message"/> to entity <paramref name="entityId"/>; replies go to <paramref name="sender"/>.</summary>
    void Tell(string entityId, object message, IActorRef? sender = null);

    /// <summary>Sends <paramref name="message"/> to entity <paramref name="entityId"/> and awaits a reply of type <typeparamref name="T"/>.</summary>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods", Justification = "Mirrors Akka's Ask, as the actor runtime does.")]
    Task<T> Ask<T>(string entityId, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
