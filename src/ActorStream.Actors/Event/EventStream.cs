using System.Collections.Concurrent;
using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>
/// Publish/subscribe by message type within one actor system. A subscription to a type receives
/// that type and its subtypes. Publishing is lock-free (a cached array per event type, stamped with the
/// subscription version it was computed from, so an array computed before a concurrent subscribe is
/// never served after it); subscribing is rare and takes a lock. A publish that starts after
/// <see cref="Subscribe"/> returns reaches the new subscriber. Stopped actors are unsubscribed
/// automatically. Thread-safe.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<Type, Subscribers> _cache = new();
    private readonly Func<Type, Subscribers> _compute;
    private List<(Type Channel, IActorRef Subscriber)> _subscriptions = [];
    private long _version;

    public EventStream() => _compute = Compute;

    /// <summary>Subscribes to <paramref name="channel"/> and its subtypes; false if already subscribed to exactly it.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            foreach (var (c, s) in _subscriptions)
            {
                if (c == channel && s.Equals(subscriber))
                {
                    return false;
                }
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            Volatile.Write(ref _version, _version + 1);
            _cache.Clear();
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            var updated = _subscriptions.FindAll(x => !(x.Channel == channel && x.Subscriber.Equals(subscriber)));
            if (updated.Count == _subscriptions.Count)
            {
                return false;
            }

            _subscriptions = updated;
            Volatile.Write(ref _version, _version + 1);
            _cache.Clear();
            return true;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var updated = _subscriptions.FindAll(x => !x.Subscriber.Equals(subscriber));
            if (updated.Count == _subscriptions.Count)
            {
                return false;
            }

            _subscriptions = updated;
            Volatile.Write(ref _version, _version + 1);
            _cache.Clear();
            return true;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var subscribers = Current(@event.GetType()).Refs;
        for (var i = 0; i < subscribers.Length; i++)
        {
            subscribers[i].Tell(@event, ActorRefs.NoSender);
        }
    }

    /// <summary>True when anything listens for <paramref name="eventType"/> (lets publishers skip building events).</summary>
    public bool HasSubscribers(Type eventType) => Current(eventType).Refs.Length > 0;

    /// <summary>The subscribers of <paramref name="eventType"/> as of the latest subscription change.</summary>
    private Subscribers Current(Type eventType)
    {
        var cached = _cache.GetOrAdd(eventType, _compute);
        if (cached.Version == Volatile.Read(ref _version))
        {
            return cached;
        }

        // Computed from an older subscription list (a subscribe raced the computation): recompute.
        var fresh = Compute(eventType);
        _cache[eventType] = fresh;
        return fresh;
    }

    private Subscribers Compute(Type eventType)
    {
        // The version is read before the list, and changes write the list before the version: an entry is
        // never stamped newer than the list it was built from.
        var version = Volatile.Read(ref _version);
        var snapshot = Volatile.Read(ref _subscriptions);
        var result = new List<IActorRef>();
        foreach (var (channel, subscriber) in snapshot)
        {
            if (channel.IsAssignableFrom(eventType) && !result.Contains(subscriber))
            {
                result.Add(subscriber);
            }
        }

        return new Subscribers(version, [.. result]);
    }

    /// <summary>The subscribers of one event type and the subscription version they were computed from.</summary>
    private sealed record Subscribers(long Version, IActorRef[] Refs);
}
