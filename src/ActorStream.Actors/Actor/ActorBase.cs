using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>
/// Base of every actor. Instances are created only by the runtime from <see cref="Props"/>; state is
/// touched by one message at a time, so actor code needs no locks. Override the lifecycle hooks to
/// react to start, stop and restart.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current
            ?? throw new ActorInitializationException("Do not create actors with 'new'; use ActorOf(Props.Create(...)) so the runtime can host them");
        _cell.AttachActor(this);
    }

    /// <summary>The context of the actor whose turn is running on this thread.</summary>
    protected static IActorContext Context
        => ActorCell.Current ?? throw new NotSupportedException("There is no active actor context on this thread: this happens after ConfigureAwait(false) or on another thread. Copy what you need (Self, Sender) to locals first, or use PipeTo.");

    /// <summary>This actor's own reference; safe to capture.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled (dead letters when none). Copy it before awaiting.</summary>
    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>Handles a message; returns false when it does not (then <see cref="Unhandled"/> runs).</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before it is replaced; by default stops all children and calls PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in _cell.GetChildren())
        {
            _cell.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart; by default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy this actor applies to its children.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => ActorStream.Actor.SupervisorStrategy.DefaultStrategy;

    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();

    /// <summary>An unhandled <see cref="Terminated"/> fails the actor; anything else is published as <see cref="UnhandledMessage"/>.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"Monitored actor {terminated.ActorRef} terminated and {Self} did not handle Terminated");
        }

        var system = _cell.SystemImpl;
        system.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, Self));
        if (system.Settings.DebugUnhandled)
        {
            system.EventStream.Publish(new Debug(Self.Path.ToString(), GetType(), $"Unhandled message from {_cell.Sender}: {message}"));
        }
    }

    internal void UnhandledInternal(object message) => Unhandled(message);

    protected void Become(Receive receive) => _cell.Become(receive);

    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);

    /// <summary>Runs the current behavior on a message; persistent actors route by their recovery state here.</summary>
    internal virtual bool AroundReceive(Receive receive, object message) => receive(message);

    internal virtual void AroundPreStart() => PreStart();

    internal virtual void AroundPostStop()
    {
        try
        {
            PostStop();
        }
        finally
        {
            (this as IActorStash)?.Stash?.UnstashAll();
        }
    }

    internal virtual void AroundPreRestart(Exception cause, object? message)
    {
        try
        {
            PreRestart(cause, message);
        }
        finally
        {
            (this as IActorStash)?.Stash?.UnstashAll();
        }
    }

    internal virtual void AroundPostRestart(Exception cause) => PostRestart(cause);
}
