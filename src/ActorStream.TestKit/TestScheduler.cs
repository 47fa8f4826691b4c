using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.TestKit;

/// <summary>
/// A virtual-time scheduler: nothing fires until the test calls <see cref="Advance"/>. Select it with
/// <c>actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit"</c>
/// and reach it through <c>(TestScheduler)Sys.Scheduler</c>. Thread-safe.
/// </summary>
public sealed class TestScheduler : IScheduler
{
    private readonly Lock _lock = new();
    private readonly List<Item> _items = [];
    private readonly DateTimeOffset _epoch = TimeProvider.System.GetUtcNow();
    private TimeSpan _now;
    private long _sequence;

    public TestScheduler(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }

    public DateTimeOffset Now => _epoch + MonotonicClock;

    public TimeSpan MonotonicClock
    {
        get
        {
            lock (_lock)
            {
                return _now;
            }
        }
    }

    /// <summary>Scheduled items not yet fired.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null)
        => Add(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null)
        => Add(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null) => Add(delay, TimeSpan.Zero, action, cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null)
        => Add(initialDelay, interval, action, cancelable);

    /// <summary>Moves virtual time forward and runs everything due, in deadline order, on the calling thread.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan target;
        lock (_lock)
        {
            target = _now + by;
        }

        AdvanceTo(target);
    }

    public void AdvanceTo(TimeSpan target)
    {
        while (true)
        {
            Item? next = null;
            lock (_lock)
            {
                foreach (var item in _items)
                {
                    if (item.Due <= target && (next is null || item.Due < next.Due || (item.Due == next.Due && item.Sequence < next.Sequence)))
                    {
                        next = item;
                    }
                }

                if (next is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                _items.Remove(next);
                if (next.Due > _now)
                {
                    _now = next.Due;
                }
            }

            if (next.Cancelable is { IsCancellationRequested: true })
            {
                continue;
            }

            next.Action();
            if (next.Interval > TimeSpan.Zero)
            {
                lock (_lock)
                {
                    _items.Add(next with { Due = next.Due + next.Interval, Sequence = ++_sequence });
                }
            }
        }
    }

    private void Add(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        lock (_lock)
        {
            _items.Add(new Item(_now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), interval, action, cancelable, ++_sequence));
        }
    }

    private sealed record Item(TimeSpan Due, TimeSpan Interval, Action Action, ICancelable? Cancelable, long Sequence);
}
