using ActorStream.Dispatch;

namespace ActorStream.Actor;

internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, object?>? _watching;
    private HashSet<IInternalActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || target.Equals(Self))
        {
            return subject;
        }

        _watching ??= [];
        if (_watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
            {
                throw new IllegalActorStateException($"Watch({subject}) was already called with another WatchWith message; Unwatch first");
            }

            return subject;
        }

        _watching[subject] = message;
        target.SendSystemMessage(new Watch(target, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is IInternalActorRef target && !target.Equals(Self) && _watching is not null && _watching.Remove(subject))
        {
            target.SendSystemMessage(new Unwatch(target, Self));
        }

        _terminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (!watchee.Equals(Self) || watcher.Equals(Self))
        {
            return;
        }

        if (IsTerminated)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            return;
        }

        (_watchedBy ??= []).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self))
        {
            _watchedBy?.Remove(watcher);
        }
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        HandleChildTerminated(actor);
        if (_watching is not null && _watching.Remove(actor, out var custom) && !_isTerminating)
        {
            // Delivered through the user queue, behind what the dead actor sent before it died;
            // Unwatch before it is processed cancels it.
            (_terminatedQueued ??= []).Add(actor);
            var message = custom ?? new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated);
            Self.Tell(new DeathWatchDelivery(actor, message), actor);
        }
    }

    /// <summary>Tells every watcher (and the parent) that this actor is gone, and drops our own watches.</summary>
    private void TellWatchersWeDied()
    {
        var parentNotified = false;
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                parentNotified |= watcher.Equals(ParentRef);
                watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            }

            _watchedBy = null;
        }

        if (!parentNotified)
        {
            ParentRef.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
        }

        if (_watching is not null)
        {
            foreach (var subject in _watching.Keys)
            {
                if (subject is IInternalActorRef target)
                {
                    target.SendSystemMessage(new Unwatch(target, Self));
                }
            }

            _watching = null;
        }

        _terminatedQueued = null;
    }
}
