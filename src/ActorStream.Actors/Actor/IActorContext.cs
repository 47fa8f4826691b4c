using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>
/// What an actor sees of its own cell while it handles a message. Valid only on the actor's own
/// turn (not from other threads or after ConfigureAwait(false)).
/// </summary>
public interface IActorContext : IActorRefFactory, ICanWatch
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    MessageDispatcher Dispatcher { get; }

    /// <summary>The receive timeout in force, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The child with that name, or <see cref="Nobody"/>.</summary>
    IActorRef Child(string name);

    IEnumerable<IActorRef> GetChildren();

    /// <summary>Stops a child (or self) asynchronously: it finishes its current message first.</summary>
    void Stop(IActorRef child);

    void Become(Receive receive);

    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Sends <see cref="Actor.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
