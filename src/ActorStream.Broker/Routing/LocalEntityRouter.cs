using System.Diagnostics.CodeAnalysis;
using ActorStream.Actor;

namespace ActorStream.Broker.Routing;

/// <summary>
/// <see cref="IEntityRouter"/> over an <see cref="EntityRouterActor"/> in this actor system. Thread-safe.
/// </summary>
public sealed class LocalEntityRouter : IEntityRouter
{
    /// <summary>Wraps an existing router actor.</summary>
    public LocalEntityRouter(IActorRef router)
    {
        ArgumentNullException.ThrowIfNull(router);
        Router = router;
    }

    /// <inheritdoc />
    public IActorRef Router { get; }

    /// <summary>Starts an <see cref="EntityRouterActor"/> named <paramref name="name"/> under <paramref name="factory"/>.</summary>
    /// <remarks><c>stopMessage</c>: what stops an entity from outside (see <see cref="EntityRouterActor"/>); PoisonPill when null.</remarks>
    public static LocalEntityRouter Start(IActorRefFactory factory, string name, Func<string, Props> entityProps, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new LocalEntityRouter(factory.ActorOf(EntityRouterActor.Props(entityProps, stopMessage), name));
    }

    /// <inheritdoc />
    public void Tell(string entityId, object message, IActorRef? sender = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentNullException.ThrowIfNull(message);
        Router.Tell(new ShardingEnvelope(entityId, message), sender ?? ActorRefs.NoSender);
    }

    /// <inheritdoc />
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods", Justification = "Mirrors Akka's Ask, as the actor runtime does.")]
    public Task<T> Ask<T>(string entityId, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentNullException.ThrowIfNull(message);
        return Router.Ask<T>(new ShardingEnvelope(entityId, message), timeout, cancellationToken);
    }
}
