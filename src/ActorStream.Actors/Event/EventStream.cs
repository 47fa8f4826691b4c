using System.Collections.Concurrent;
using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>
/// Publish/subscribe by message type within one actor system. A subscription to a type receives
/// that type and its subtypes. Publishing is lock-free (a cached array per event type); subscribing
/// is rare and takes a lock. Stopped actors are unsubscribed automatically. Thread-safe.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<Type, IActorRef[]> _cache = new();
    private readonly Func<Type, IActorRef[]> _compute;
    private List<(Type Channel, IActorRef Subscriber)> _subscriptions = [];

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
            _cache.Clear();
            return true;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var subscribers = _cache.GetOrAdd(@event.GetType(), _compute);
        for (var i = 0; i < subscribers.Length; i++)
        {
            subscribers[i].Tell(@event, ActorRefs.NoSender);
        }
    }

    /// <summary>True when anything listens for <paramref name="eventType"/> (lets publishers skip building events).</summary>
    public bool HasSubscribers(Type eventType) => _cache.GetOrAdd(eventType, _compute).Length > 0;

    private IActorRef[] Compute(Type eventType)
    {
        var snapshot = Volatile.Read(ref _subscriptions);
        var result = new List<IActorRef>();
        foreach (var (channel, subscriber) in snapshot)
        {
            if (channel.IsAssignableFrom(eventType) && !result.Contains(subscriber))
            {
                result.Add(subscriber);
            }
        }

        return [.. result];
    }
}
