using System.Collections.Concurrent;
using System.Diagnostics;
using ActorStream.Configuration;

namespace ActorStream.Actor;

/// <summary>
/// A hashed-wheel timer on one background thread: scheduling is a lock-free enqueue, and the
/// thread moves new entries into buckets once per tick. Entries fire on the first tick at or after
/// their deadline, never earlier. Cancelled entries are dropped when their bucket is next visited,
/// so short-lived timeouts (asks answered quickly) never reach a bucket at all.
/// </summary>
internal sealed class HashedWheelScheduler : IScheduler, IDisposable
{
    private readonly long _tickTicks;
    private readonly List<Entry>[] _wheel;
    private readonly int _mask;
    private readonly ConcurrentQueue<Entry> _registrations = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _tick;

    public HashedWheelScheduler(Config config)
        : this(config.GetTimeSpan("actorstream.scheduler.tick-duration", TimeSpan.FromMilliseconds(10), allowInfinite: false),
               config.GetInt("actorstream.scheduler.ticks-per-wheel", 512))
    {
    }

    public HashedWheelScheduler(TimeSpan tickDuration, int ticksPerWheel)
    {
        if (tickDuration < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(tickDuration), tickDuration, "The tick duration must be at least 1ms");
        }

        _tickTicks = (long)(tickDuration.TotalSeconds * Stopwatch.Frequency);
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(ticksPerWheel, 1, 1 << 20));
        _wheel = new List<Entry>[size];
        for (var i = 0; i < size; i++)
        {
            _wheel[i] = [];
        }

        _mask = size - 1;
        _thread = new Thread(Loop) { IsBackground = true, Name = "actorstream-scheduler" };
        _thread.Start();
    }

    public DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_start);

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null)
        => Register(new Entry(receiver, message, sender, null, cancelable, TimeSpan.Zero), delay);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null)
    {
        CheckInterval(interval);
        Register(new Entry(receiver, message, sender, null, cancelable, interval), initialDelay);
    }

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null)
        => Register(new Entry(null, null, null, action, cancelable, TimeSpan.Zero), delay);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null)
    {
        CheckInterval(interval);
        Register(new Entry(null, null, null, action, cancelable, interval), initialDelay);
    }

    private static void CheckInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeating schedule needs a positive interval");
        }
    }

    private void Register(Entry entry, TimeSpan delay)
    {
        if (_stop.IsSet)
        {
            return;
        }

        var delayTicks = delay <= TimeSpan.Zero ? 0 : (long)(delay.TotalSeconds * Stopwatch.Frequency);
        entry.Deadline = Stopwatch.GetTimestamp() - _start + delayTicks;
        _registrations.Enqueue(entry);
    }

    private void Loop()
    {
        while (true)
        {
            var wakeAt = (_tick + 1) * _tickTicks;
            var now = Stopwatch.GetTimestamp() - _start;
            if (now < wakeAt)
            {
                var waitMs = (int)Math.Ceiling((wakeAt - now) * 1000.0 / Stopwatch.Frequency);
                if (_stop.Wait(Math.Max(1, waitMs)))
                {
                    return;
                }

                continue;
            }

            TransferRegistrations();
            ProcessBucket(_wheel[(int)(_tick & _mask)], Stopwatch.GetTimestamp() - _start);
            _tick++;
        }
    }

    private void TransferRegistrations()
    {
        while (_registrations.TryDequeue(out var entry))
        {
            if (!entry.IsCancelled)
            {
                Place(entry);
            }
        }
    }

    private void Place(Entry entry)
    {
        var due = (entry.Deadline + _tickTicks - 1) / _tickTicks;
        if (due < _tick)
        {
            due = _tick;
        }

        entry.Rounds = (due - _tick) / _wheel.Length;
        _wheel[(int)(due & _mask)].Add(entry);
    }

    private void ProcessBucket(List<Entry> bucket, long now)
    {
        var keep = 0;
        List<Entry>? again = null;
        for (var i = 0; i < bucket.Count; i++)
        {
            var entry = bucket[i];
            if (entry.IsCancelled)
            {
                continue;
            }

            if (entry.Rounds > 0 || entry.Deadline > now)
            {
                if (entry.Rounds > 0)
                {
                    entry.Rounds--;
                }

                bucket[keep++] = entry;
                continue;
            }

            Fire(entry);
            if (entry.Interval > TimeSpan.Zero && !entry.IsCancelled)
            {
                entry.Deadline += (long)(entry.Interval.TotalSeconds * Stopwatch.Frequency);
                (again ??= []).Add(entry);
            }
        }

        bucket.RemoveRange(keep, bucket.Count - keep);
        if (again is not null)
        {
            _tick++;
            foreach (var entry in again)
            {
                Place(entry);
            }

            _tick--;
        }
    }

    private static void Fire(Entry entry)
    {
        if (entry.Receiver is not null)
        {
            try
            {
                entry.Receiver.Tell(entry.Message!, entry.Sender);
            }
            catch (Exception)
            {
                // A receiver that throws on Tell (e.g. a null message) must not stop the wheel.
            }

            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static a => RunAction(a), entry.Action!, preferLocal: false);
    }

    private static void RunAction(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // Scheduled actions own their errors; one failing must not affect the others.
        }
    }

    public void Dispose()
    {
        _stop.Set();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private sealed class Entry(ICanTell? receiver, object? message, IActorRef? sender, Action? action, ICancelable? cancelable, TimeSpan interval)
    {
        public ICanTell? Receiver { get; } = receiver;

        public object? Message { get; } = message;

        public IActorRef? Sender { get; } = sender;

        public Action? Action { get; } = action;

        public TimeSpan Interval { get; } = interval;

        public long Deadline { get; set; }

        public long Rounds { get; set; }

        public bool IsCancelled => cancelable is not null && cancelable.IsCancellationRequested;
    }
}
