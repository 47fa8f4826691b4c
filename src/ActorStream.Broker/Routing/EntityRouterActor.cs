using ActorStream.Actor;

namespace ActorStream.Broker.Routing;

/// <summary>
/// Routes <see cref="ShardingEnvelope"/>s to the entities of one type on this node, in the shape of
/// Akka's ShardRegion: an entity is a child created on its first message (named by
/// <see cref="EntityIdEncoding.Encode"/>), messages are forwarded with their original sender, and a
/// failing entity is restarted by the default supervisor strategy (same ref, same id). Cluster
/// sharding can take this actor's place without changes to the callers, which only know the
/// <see cref="IEntityRouter"/> seam.
/// <para>Per entity:</para>
/// <code>
///   (none) --first message--> Active --Passivate(stop)--> Passivating --Terminated--> (none)
///                                ^                              |  buffers messages      |
///                                +------------------------------+------------------------+
///                                  Terminated with buffered messages: start again, deliver them
/// </code>
/// An entity that stops without passivating is forgotten when its Terminated arrives; the next
/// message starts it again. <see cref="EntityRouterProtocol.StopEntity"/> stops an entity from outside
/// through the same Passivating state and answers once it has terminated: the router sends the entity its
/// stop message (Akka's handOffStopMessage; PoisonPill unless the entity type names its own), so the
/// messages already in the entity's mailbox, or stashed by a persistent entity, are served before it stops; <see cref="EntityRouterProtocol.DeliverIfActive"/> reaches only a running entity.
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed class EntityRouterActor : ReceiveActor
{
    private readonly Func<string, Props> _entityProps;
    private readonly object _stopMessage;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IActorRef>> _stopWaiters = new(StringComparer.Ordinal);

    /// <summary>Creates the router; <paramref name="entityProps"/> gives the props of the entity with an id.</summary>
    /// <param name="entityProps">The props of the entity with an id.</param>
    /// <param name="stopMessage">What the router sends an entity to stop it; PoisonPill when null.</param>
    public EntityRouterActor(Func<string, Props> entityProps, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        _entityProps = entityProps;
        _stopMessage = stopMessage ?? PoisonPill.Instance;
        Receive<ShardingEnvelope>(HandleEnvelope);
        Receive<EntityRouterProtocol.Passivate>(HandlePassivate);
        Receive<EntityRouterProtocol.StopEntity>(HandleStopEntity);
        Receive<EntityRouterProtocol.DeliverIfActive>(HandleDeliverIfActive);
        Receive<Terminated>(HandleTerminated);
        Receive<EntityRouterProtocol.GetEntityCount>(_ => Sender.Tell(new EntityRouterProtocol.EntityCount(_entities.Count)));
    }

    /// <summary>Props of a router whose entities are created by <paramref name="entityProps"/>.</summary>
    public static Props Props(Func<string, Props> entityProps, object? stopMessage = null) => Actor.Props.Create(() => new EntityRouterActor(entityProps, stopMessage));

    private void HandleEnvelope(ShardingEnvelope envelope)
    {
        if (string.IsNullOrEmpty(envelope.EntityId))
        {
            Unhandled(envelope);
            return;
        }

        if (_passivating.TryGetValue(envelope.EntityId, out var buffer))
        {
            buffer.Add((envelope.Message, Sender));
            return;
        }

        EntityFor(envelope.EntityId).Tell(envelope.Message, Sender);
    }

    private void HandlePassivate(EntityRouterProtocol.Passivate passivate)
    {
        if (!_ids.TryGetValue(Sender, out var id) || _passivating.ContainsKey(id))
        {
            return;
        }

        _passivating[id] = [];
        Sender.Tell(passivate.StopMessage, Self);
    }

    private void HandleStopEntity(EntityRouterProtocol.StopEntity stop)
    {
        if (string.IsNullOrEmpty(stop.EntityId) || !_entities.TryGetValue(stop.EntityId, out var entity))
        {
            Sender.Tell(new EntityRouterProtocol.EntityStopped(stop.EntityId), Self);
            return;
        }

        if (!_stopWaiters.TryGetValue(stop.EntityId, out var waiters))
        {
            waiters = [];
            _stopWaiters[stop.EntityId] = waiters;
        }

        waiters.Add(Sender);
        if (_passivating.TryAdd(stop.EntityId, []))
        {
            entity.Tell(_stopMessage, Self);
        }
    }

    private void HandleDeliverIfActive(EntityRouterProtocol.DeliverIfActive deliver)
    {
        if (!string.IsNullOrEmpty(deliver.EntityId)
            && !_passivating.ContainsKey(deliver.EntityId)
            && _entities.TryGetValue(deliver.EntityId, out var entity))
        {
            entity.Tell(deliver.Message, Sender);
            return;
        }

        Sender.Tell(new EntityRouterProtocol.EntityNotActive(deliver.EntityId), Self);
    }

    private void HandleTerminated(Terminated terminated)
    {
        if (!_ids.Remove(terminated.ActorRef, out var id))
        {
            return;
        }

        _entities.Remove(id);
        if (_stopWaiters.Remove(id, out var waiters))
        {
            foreach (var waiter in waiters)
            {
                waiter.Tell(new EntityRouterProtocol.EntityStopped(id), Self);
            }
        }

        if (_passivating.Remove(id, out var buffer) && buffer.Count > 0)
        {
            var entity = EntityFor(id);
            foreach (var (message, sender) in buffer)
            {
                entity.Tell(message, sender);
            }
        }
    }

    private IActorRef EntityFor(string id)
    {
        if (!_entities.TryGetValue(id, out var entity))
        {
            entity = Context.ActorOf(_entityProps(id), EntityIdEncoding.Encode(id));
            Context.Watch(entity);
            _entities[id] = entity;
            _ids[entity] = id;
        }

        return entity;
    }
}
